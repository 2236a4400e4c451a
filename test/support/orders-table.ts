import {
  DeleteTableCommand,
  DynamoDBClient,
  ScanCommand,
  type AttributeValue,
  type ScanCommandInput,
  type ScanCommandOutput,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, inject } from 'vitest';
import { setDynamoDbClient } from '@/lib/aws/dynamodb';
import { resetConfig } from '@/lib/config';
import { ordersTable } from '@/lib/resources';
import { ensureTable } from '@/local/resources';

/** A plain SDK client on the run's DynamoDB Local, independent of the app's client and config. */
export function createAdminClient(): DynamoDBClient {
  const env = inject('localAwsEnv');
  return new DynamoDBClient({
    endpoint: env.AWS_ENDPOINT_URL,
    region: env.AWS_REGION,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
    },
  });
}

/**
 * Creates table `name` from `definition` (the production one) before the file's tests, points the
 * app at it through `envVar`, and deletes it after them.
 */
export function provideTestTable(admin: DynamoDBClient, definition: Parameters<typeof ensureTable>[1], name: string, envVar: string): void {
  beforeAll(async () => {
    await ensureTable(admin, definition, name);
    process.env[envVar] = name;
    resetConfig();
    setDynamoDbClient(undefined);
  });

  afterAll(async () => {
    await admin.send(new DeleteTableCommand({ TableName: name }));
    admin.destroy();
    setDynamoDbClient(undefined);
  });
}

export type OrdersTable = {
  name: string;
  /** Items in the table, counted with a Scan straight through the SDK. */
  countItems: () => Promise<number>;
  /** Every stored item as DynamoDB returns it, sorted by order_id: compare two to prove nothing changed. */
  snapshot: () => Promise<Record<string, AttributeValue>[]>;
};

/**
 * Gives the calling test file its own empty orders table (same definition as production) and
 * points the app at it, so files never see each other's data.
 */
export function setupOrdersTable(label: string): OrdersTable {
  const name = `orders-test-${label}`;
  const admin = createAdminClient();
  provideTestTable(admin, ordersTable, name, 'ORDERS_TABLE_NAME');

  async function scanAll(input: Omit<ScanCommandInput, 'TableName' | 'ExclusiveStartKey'>) {
    const pages: ScanCommandOutput[] = [];
    let start: ScanCommandOutput['LastEvaluatedKey'];
    do {
      const page = await admin.send(
        new ScanCommand({ ...input, TableName: name, ConsistentRead: true, ExclusiveStartKey: start }),
      );
      pages.push(page);
      start = page.LastEvaluatedKey;
    } while (start);
    return pages;
  }

  return {
    name,
    countItems: async () =>
      (await scanAll({ Select: 'COUNT' })).reduce((sum, page) => sum + (page.Count ?? 0), 0),
    snapshot: async () =>
      (await scanAll({}))
        .flatMap((page) => page.Items ?? [])
        .sort((a, b) => (a.order_id?.S ?? '').localeCompare(b.order_id?.S ?? '')),
  };
}
