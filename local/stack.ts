import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import path from 'node:path';
import { ordersTable } from '@/lib/resources';
import { startDynamoDbLocal } from './dynamodb-local';
import { startGateway, type Route } from './gateway';
import { ensureTable } from './resources';

export type LocalAwsOptions = {
  /** Port of the single local AWS endpoint; 0 picks a free one. */
  port: number;
  /** Where emulators persist; undefined keeps everything in memory. */
  dataDir?: string;
  ordersTableName?: string;
};

export type LocalAws = {
  endpoint: string;
  region: string;
  /** True when the orders table was created now, i.e. a first run that wants demo data. */
  createdTables: boolean;
  /** Environment that points an AWS SDK (this app's included) at the local endpoint. */
  env: Record<string, string>;
  stop: () => Promise<void>;
};

export const LOCAL_REGION = 'us-east-1';
/** Dummy credentials: the emulators accept any, and real ones never leave for a local endpoint. */
const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export async function startLocalAws(options: LocalAwsOptions): Promise<LocalAws> {
  const dynamodb = await startDynamoDbLocal({
    dataDir: options.dataDir ? path.join(options.dataDir, 'dynamodb') : undefined,
  });
  const routes: Route[] = [
    {
      service: 'dynamodb',
      targetPrefixes: ['DynamoDB_20120810', 'DynamoDBStreams_20120810'],
      upstreamPort: dynamodb.port,
    },
  ];
  let gateway;
  try {
    gateway = await startGateway(routes, options.port);
  } catch (error) {
    await dynamodb.stop();
    throw error;
  }
  const tableName = options.ordersTableName ?? ordersTable.name;
  const client = new DynamoDBClient({ endpoint: gateway.url, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
  let createdTables: boolean;
  try {
    createdTables = await ensureTable(client, ordersTable, tableName);
  } catch (error) {
    await Promise.all([gateway.close(), dynamodb.stop()]);
    throw error;
  } finally {
    client.destroy();
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
    env,
    stop: async () => {
      await gateway.close();
      await dynamodb.stop();
    },
  };
}
