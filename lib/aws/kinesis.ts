import 'server-only';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { getConfig } from '@/lib/config';

let client: KinesisClient | undefined;

/**
 * One Kinesis client per process; tests inject their own with setKinesisClient(). The SDK's
 * default HTTP/2 handler fails against local emulators (ERR_HTTP2_ERROR), and no env variable
 * switches it, so it is pinned to HTTP/1.1 here (AWS accepts both).
 */
export function getKinesisClient(): KinesisClient {
  if (!client) {
    const config = getConfig();
    client = new KinesisClient({
      region: config.region,
      endpoint: config.endpoints.kinesis,
      maxAttempts: 3,
      requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
    });
  }
  return client;
}

export function setKinesisClient(next: KinesisClient | undefined): void {
  client = next;
}
