import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import path from 'node:path';
import { changeLogBucket, changeStream, ordersTable } from '@/lib/resources';
import {
  createFirehoseWorker,
  type FirehoseStats,
  type FirehoseWorker,
  type FirehoseWorkerOptions,
} from './firehose-worker';
import { createKinesisClient } from './kinesis';
import { createPipeWorker, type PipeStats, type PipeWorker, type PipeWorkerOptions } from './pipe-worker';
import { s3Root } from './s3-files';

export type PipelineOptions = {
  /** The local AWS endpoint (the gateway). */
  endpoint: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Checkpoints, dead letters and the local S3 live here. */
  dataDir: string;
  tableName?: string;
  streamName?: string;
  pipe?: Pick<
    PipeWorkerOptions,
    | 'batchSize'
    | 'batchingWindowMs'
    | 'maximumRetryAttempts'
    | 'idlePollMs'
    | 'discoverIntervalMs'
    | 'stopGraceMs'
  >;
  firehose?: Pick<
    FirehoseWorkerOptions,
    'buffering' | 'retryAttempts' | 'idlePollMs' | 'transform' | 'discoverIntervalMs' | 'stopGraceMs'
  >;
  log?: (message: string) => void;
};

export type PipelineStats = { pipe: PipeStats; firehose: FirehoseStats };

export type Pipeline = {
  /** Root of the local S3: objects are at `<s3Dir>/<bucket>/<key>`. */
  s3Dir: string;
  /** Where the change log lands: `<s3Dir>/<changeLogBucket>/order_changes/`. */
  changeLogDir: string;
  pipe: PipeWorker;
  firehose: FirehoseWorker;
  stats: () => PipelineStats;
  /** Stops the pipe, then the Firehose worker after it flushed its buffer. */
  stop: () => Promise<void>;
};

/**
 * The streaming half of the local pipeline: orders table stream → pipe worker → Kinesis →
 * Firehose worker (+ the transform) → files under `<dataDir>/s3/`. Both workers speak to the
 * emulators through the real SDK and the one local endpoint, as the AWS services would.
 */
export async function startPipeline(options: PipelineOptions): Promise<Pipeline> {
  const connection = { endpoint: options.endpoint, region: options.region, credentials: options.credentials };
  const dynamodb = new DynamoDBClient(connection);
  const streams = new DynamoDBStreamsClient(connection);
  const kinesis = createKinesisClient(connection);
  const streamName = options.streamName ?? changeStream.name;
  const log = options.log ?? ((message: string) => console.warn(`[pipeline] ${message}`));

  const pipe = createPipeWorker({
    ...options.pipe,
    dynamodb,
    streams,
    kinesis,
    tableName: options.tableName ?? ordersTable.name,
    streamName,
    region: options.region,
    dataDir: options.dataDir,
    log,
  });
  const firehose = createFirehoseWorker({
    ...options.firehose,
    kinesis,
    streamName,
    region: options.region,
    dataDir: options.dataDir,
    log,
  });
  await firehose.start();
  await pipe.start();

  let stopped = false;
  return {
    s3Dir: s3Root(options.dataDir),
    changeLogDir: path.join(s3Root(options.dataDir), changeLogBucket.name, changeLogBucket.tablePrefix),
    pipe,
    firehose,
    stats: () => ({ pipe: pipe.stats(), firehose: firehose.stats() }),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pipe.stop();
      await firehose.stop();
      for (const client of [dynamodb, streams, kinesis]) client.destroy();
    },
  };
}
