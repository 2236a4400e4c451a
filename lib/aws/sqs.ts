import 'server-only';
import { SQSClient } from '@aws-sdk/client-sqs';
import { getConfig } from '@/lib/config';

let client: SQSClient | undefined;

/** One SQS client per process; tests inject their own with setSqsClient(). */
export function getSqsClient(): SQSClient {
  if (!client) {
    const config = getConfig();
    client = new SQSClient({
      region: config.region,
      endpoint: config.endpoints.sqs,
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    });
  }
  return client;
}

export function setSqsClient(next: SQSClient | undefined): void {
  client = next;
}
