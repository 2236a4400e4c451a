import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import path from 'node:path';
import { changeStream, ordersTable } from '@/lib/resources';
import { startDynamoDbLocal } from './dynamodb-local';
import { startGateway, type Route } from './gateway';
import { createKinesisClient, ensureKinesisStream, startKinesis } from './kinesis';
import { ensureTable } from './resources';

export type LocalAwsOptions = {
  /** Port of the single local AWS endpoint; 0 picks a free one. */
  port: number;
  /** Where emulators persist; undefined keeps everything in memory. */
  dataDir?: string;
  ordersTableName?: string;
  /** The Kinesis stream the pipe writes to; changeStream.name by default. */
  changeStreamName?: string;
};

export type LocalAws = {
  endpoint: string;
  region: string;
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
  const [dynamodbStart, kinesisStart] = await Promise.allSettled([
    startDynamoDbLocal({ dataDir: options.dataDir ? path.join(options.dataDir, 'dynamodb') : undefined }),
    startKinesis({ dataDir: options.dataDir ? path.join(options.dataDir, 'kinesis') : undefined }),
  ]);
  if (dynamodbStart.status === 'rejected' || kinesisStart.status === 'rejected') {
    if (dynamodbStart.status === 'fulfilled') await dynamodbStart.value.stop();
    if (kinesisStart.status === 'fulfilled') await kinesisStart.value.stop();
    throw dynamodbStart.status === 'rejected' ? dynamodbStart.reason : (kinesisStart as PromiseRejectedResult).reason;
  }
  const dynamodb = dynamodbStart.value;
  const kinesis = kinesisStart.value;
  const stopEmulators = () => Promise.all([dynamodb.stop(), kinesis.stop()]).then(() => undefined);
  const routes: Route[] = [
    {
      service: 'dynamodb',
      targetPrefixes: ['DynamoDB_20120810', 'DynamoDBStreams_20120810'],
      upstreamPort: dynamodb.port,
    },
    { service: 'kinesis', targetPrefixes: ['Kinesis_20131202'], upstreamPort: kinesis.port },
  ];
  let gateway;
  try {
    gateway = await startGateway(routes, options.port);
  } catch (error) {
    await stopEmulators();
    throw error;
  }
  const tableName = options.ordersTableName ?? ordersTable.name;
  const connection = { endpoint: gateway.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const client = new DynamoDBClient(connection);
  const kinesisClient = createKinesisClient(connection);
  let createdTables: boolean;
  try {
    [createdTables] = await Promise.all([
      ensureTable(client, ordersTable, tableName),
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
  };
  return {
    endpoint: gateway.url,
    region: LOCAL_REGION,
    createdTables,
    credentials: LOCAL_CREDENTIALS,
    env,
    stop: async () => {
      await gateway.close();
      await stopEmulators();
    },
  };
}
