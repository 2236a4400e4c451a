import 'server-only';
import { AthenaClient } from '@aws-sdk/client-athena';
import { getConfig } from '@/lib/config';

let client: AthenaClient | undefined;

/** One Athena client per process; tests inject their own with setAthenaClient(). */
export function getAthenaClient(): AthenaClient {
  if (!client) {
    const config = getConfig();
    client = new AthenaClient({
      region: config.region,
      endpoint: config.endpoints.athena,
      maxAttempts: 3,
      // Fail fast when the endpoint is down so routes can answer 503 instead of hanging.
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    });
  }
  return client;
}

export function setAthenaClient(next: AthenaClient | undefined): void {
  client = next;
}
