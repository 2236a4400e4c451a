import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { changeLogBucket } from '@/lib/resources';
import { startGateway, type Gateway } from '@/local/gateway';
import { createS3Facade } from '@/local/s3';
import { createSqsFacade } from '@/local/sqs';

export type FilesEndpoint = {
  gateway: Gateway;
  /** Plain SDK clients on this endpoint, configured as lib/aws configures the app's. */
  s3: S3Client;
  sqs: SQSClient;
  close: () => Promise<void>;
};

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * The local S3 and SQS facades over one data directory, on a gateway of their own: the run's
 * shared local AWS serves a scratch directory, while pipeline fixtures write to per-file ones.
 */
export async function startFilesEndpoint(dataDir: string): Promise<FilesEndpoint> {
  const routes = [
    createSqsFacade({ dataDir, region: 'us-east-1', log: () => undefined }).route,
    createS3Facade({ dataDir, buckets: [changeLogBucket.name], log: () => undefined }).route,
  ];
  const gateway = await startGateway(routes, 0);
  const s3 = new S3Client({
    endpoint: gateway.url,
    region: 'us-east-1',
    credentials,
    forcePathStyle: true,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const sqs = new SQSClient({ endpoint: gateway.url, region: 'us-east-1', credentials });
  return {
    gateway,
    s3,
    sqs,
    close: async () => {
      s3.destroy();
      sqs.destroy();
      await gateway.close();
    },
  };
}
