import 'server-only';
import { S3Client } from '@aws-sdk/client-s3';
import { getConfig } from '@/lib/config';

let client: S3Client | undefined;

/**
 * One S3 client per process; tests inject their own with setS3Client(). With a custom endpoint
 * (the local one, LocalStack) requests go path-style, since `<bucket>.127.0.0.1` does not resolve.
 * Checksums only when an operation requires them: emulators reject the newer defaults.
 */
export function getS3Client(): S3Client {
  if (!client) {
    const config = getConfig();
    client = new S3Client({
      region: config.region,
      endpoint: config.endpoints.s3,
      forcePathStyle: config.endpoints.s3 !== undefined,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
      // Fail fast when the endpoint is down so routes can answer 503 instead of hanging.
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    });
  }
  return client;
}

export function setS3Client(next: S3Client | undefined): void {
  client = next;
}
