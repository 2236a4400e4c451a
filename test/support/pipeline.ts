import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, inject } from 'vitest';
import type { ChangeRow } from '@/lib/cdc/change-row';
import { changeLogBucket, changeStream } from '@/lib/resources';
import type { ErrorRecord } from '@/local/firehose-delivery';
import { createKinesisClient, ensureKinesisStream } from '@/local/kinesis';
import { startPipeline, type Pipeline, type PipelineOptions } from '@/local/pipeline';
import { setupOrdersTable, type OrdersTable } from './orders-table';
import { readParquetRows } from './parquet';

export type StoredObject = { key: string; lines: string[] };
export type LocatedRow = ChangeRow & { key: string };
export type LocatedError = ErrorRecord & { key: string };

export type PipelineFixture = {
  table: OrdersTable;
  streamName: string;
  dataDir: () => string;
  /** A plain SDK Kinesis client on the run's local endpoint. */
  kinesis: () => KinesisClient;
  start: (
    overrides?: Partial<Omit<PipelineOptions, 'endpoint' | 'region' | 'credentials' | 'dataDir'>>,
  ) => Promise<Pipeline>;
  changeRows: () => Promise<LocatedRow[]>;
  errorRecords: () => Promise<LocatedError[]>;
};

async function listObjects(root: string, prefix: string): Promise<StoredObject[]> {
  const objects: StoredObject[] = [];
  async function walk(directory: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) await walk(full);
      else
        objects.push({
          key: path.relative(root, full).split(path.sep).join('/'),
          // Change-log objects are Parquet (Firehose's format conversion); errors stay JSON lines.
          lines: entry.name.endsWith('.parquet')
            ? (await readParquetRows(full)).map((row) => JSON.stringify(row))
            : (await readFile(full, 'utf8')).split('\n').filter(Boolean),
        });
    }
  }
  await walk(path.join(root, prefix));
  return objects;
}

/**
 * Gives the calling test file its own orders table, Kinesis stream and data directory, and starts
 * pipelines on them; everything is stopped and removed after the file.
 */
export function setupPipeline(label: string): PipelineFixture {
  const table = setupOrdersTable(label);
  const streamName = `${changeStream.name}-${label}`;
  const env = inject('localAwsEnv');
  const connection = {
    endpoint: env.AWS_ENDPOINT_URL!,
    region: env.AWS_REGION!,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  };
  let dataDir: string | undefined;
  let kinesis: KinesisClient | undefined;
  const running: Pipeline[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), `pipeline-${label}-`));
    kinesis = createKinesisClient(connection);
    await ensureKinesisStream(kinesis, changeStream, streamName);
  });

  afterAll(async () => {
    await Promise.all(running.map((p) => p.stop()));
    kinesis?.destroy();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const bucketRoot = () => path.join(dataDir!, 's3', changeLogBucket.name);

  return {
    table,
    streamName,
    dataDir: () => dataDir!,
    kinesis: () => kinesis!,
    async start(overrides = {}) {
      const pipeline = await startPipeline({
        ...connection,
        dataDir: dataDir!,
        tableName: table.name,
        streamName,
        log: () => undefined,
        ...overrides,
      });
      running.push(pipeline);
      return pipeline;
    },
    async changeRows() {
      const objects = await listObjects(bucketRoot(), changeLogBucket.tablePrefix);
      return objects.flatMap((o) =>
        o.lines.map((line) => ({ ...(JSON.parse(line) as ChangeRow), key: o.key })),
      );
    },
    async errorRecords() {
      const objects = await listObjects(bucketRoot(), 'errors');
      return objects.flatMap((o) =>
        o.lines.map((line) => ({ ...(JSON.parse(line) as ErrorRecord), key: o.key })),
      );
    },
  };
}
