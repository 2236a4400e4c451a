import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  athenaResultsBucket,
  changeLogBucket,
  changeStream,
  feedReadBudgetTable,
  ordersTable,
  queryNamesTable,
} from '@/lib/resources';
import { startAthenaFacade } from './athena';
import { startDynamoDbLocal } from './dynamodb-local';
import { startGateway, type Route } from './gateway';
import { createKinesisClient, ensureKinesisStream, startKinesis } from './kinesis';
import { ensureTable } from './resources';
import { createS3Facade } from './s3';
import { createSqsFacade } from './sqs';

export type LocalAwsOptions = {
  /** Port of the single local AWS endpoint; 0 picks a free one. */
  port: number;
  /** Where emulators persist; undefined keeps everything in memory. */
  dataDir?: string;
  ordersTableName?: string;
  /** The saved-query name claims table; queryNamesTable.name by default. */
  queryNamesTableName?: string;
  /** The live feed's shared read budget table; feedReadBudgetTable.name by default. */
  feedReadBudgetTableName?: string;
  /** The Kinesis stream the pipe writes to; changeStream.name by default. */
  changeStreamName?: string;
};

export type LocalAws = {
  endpoint: string;
  region: string;
  /**
   * Where the file-based services keep their state: the local S3 (change log, query results; also
   * served as the S3 API), pipeline checkpoints, the pipe's dead letters (served as SQS) and named queries. The data dir, or a scratch dir removed on stop.
   */
  filesDir: string;
  /** True when the orders table was created now, i.e. a first run that wants demo data. */
  createdTables: boolean;
  /** Dummy credentials the emulators accept. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Environment that points an AWS SDK (this app's included) at the local endpoint. */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

export const LOCAL_REGION = 'us-east-1';
/** Dummy credentials: the emulators accept any, and real ones never leave for a local endpoint. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const scratchDir = options.dataDir ? undefined : mkdtempSync(path.join(os.tmpdir(), 'sales-cdc-'));
  const filesDir = options.dataDir ?? scratchDir!;
  const removeScratch = () => scratchDir && rmSync(scratchDir, { recursive: true, force: true });
  const started = await Promise.allSettled([
    startDynamoDbLocal({ dataDir: options.dataDir ? path.join(options.dataDir, 'dynamodb') : undefined }),
    startKinesis({ dataDir: options.dataDir ? path.join(options.dataDir, 'kinesis') : undefined }),
    startAthenaFacade({ dataDir: filesDir }),
  ] as const);
  const [dynamodbStart, kinesisStart, athenaStart] = started;
  if (dynamodbStart.status === 'rejected' || kinesisStart.status === 'rejected' || athenaStart.status === 'rejected') {
    await Promise.all(started.map((s) => (s.status === 'fulfilled' ? s.value.stop() : undefined)));
    removeScratch();
    throw started.find((s): s is PromiseRejectedResult => s.status === 'rejected')!.reason;
  }
  const dynamodb = dynamodbStart.value;
  const kinesis = kinesisStart.value;
  const athena = athenaStart.value;
  const stopEmulators = async () => {
    await Promise.all([dynamodb.stop(), kinesis.stop(), athena.stop()]);
    removeScratch();
  };
  const routes: Route[] = [
    {
      service: 'dynamodb',
      targetPrefixes: ['DynamoDB_20120810', 'DynamoDBStreams_20120810'],
      upstreamPort: dynamodb.port,
    },
    { service: 'kinesis', targetPrefixes: ['Kinesis_20131202'], upstreamPort: kinesis.port },
    athena.route,
    createSqsFacade({ dataDir: filesDir, region: LOCAL_REGION }).route,
    // S3 requests carry no X-Amz-Target, so this route takes every request without one.
    createS3Facade({ dataDir: filesDir, buckets: [changeLogBucket.name, athenaResultsBucket.name] }).route,
  ];
  let gateway;
  try {
    gateway = await startGateway(routes, options.port);
  } catch (error) {
    await stopEmulators();
    throw error;
  }
  const tableName = options.ordersTableName ?? ordersTable.name;
  const namesTableName = options.queryNamesTableName ?? queryNamesTable.name;
  const budgetTableName = options.feedReadBudgetTableName ?? feedReadBudgetTable.name;
  const connection = { endpoint: gateway.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const client = new DynamoDBClient(connection);
  const kinesisClient = createKinesisClient(connection);
  let createdTables: boolean;
  try {
    [createdTables] = await Promise.all([
      ensureTable(client, ordersTable, tableName),
      ensureTable(client, queryNamesTable, namesTableName),
      ensureTable(client, feedReadBudgetTable, budgetTableName),
      ensureKinesisStream(kinesisClient, changeStream, options.changeStreamName ?? changeStream.name),
    ]);
  } catch (error) {
    await gateway.close();
    await stopEmulators();
    throw error;
  } finally {
    client.destroy();
    kinesisClient.destroy();
  }
  const env = {
    AWS_ENDPOINT_URL: gateway.url,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    ORDERS_TABLE_NAME: tableName,
    QUERY_NAMES_TABLE_NAME: namesTableName,
    // As on AWS, where several tasks share each shard's reads.
    FEED_READ_BUDGET_TABLE_NAME: budgetTableName,
  };
  return {
    endpoint: gateway.url,
    region: LOCAL_REGION,
    createdTables,
    filesDir,
    credentials: LOCAL_CREDENTIALS,
    env,
    stop: async () => {
      await gateway.close();
      await stopEmulators();
    },
  };
}
