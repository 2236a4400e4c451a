import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import http from 'node:http';
import { ulid } from 'ulid';
import { createRandom, generateDemoOrder } from '../../local/demo-orders';
import { dateShardOf } from '../../lib/orders/date-shards';
import { closedLoop, LoopTotals } from './closed-loop';
import type { CpuByRole } from './process-cpu';
import { round, summarize, type LatencySummary } from './stats';

export type RawWrites = {
  endpoint: string;
  table: string;
  in_flight: number;
  duration_s: number;
  writes: number;
  writes_per_s: number;
  latency_ms: LatencySummary;
  errors: number;
  /** Size of one item as JSON, a rough stand-in for its DynamoDB size. */
  item_bytes_avg: number;
  /** CPU milliseconds per write in each process (DynamoDB Local, launcher, load generator). */
  cpu_ms_per_write?: CpuByRole;
};

/**
 * PutItem of items shaped like stored orders (same attributes, so the same two GSIs are
 * maintained, and the API's attribute_not_exists condition) straight from the SDK, no Next.js in
 * between: the ceiling under the API.
 */
export function createRawWriter(endpoint: string, table: string, inFlight: number) {
  const base = new DynamoDBClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1, // a retry would hide errors and blur latency
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: inFlight }),
    }),
  });
  const client = DynamoDBDocumentClient.from(base, { marshallOptions: { removeUndefinedValues: true } });
  const random = createRandom(7);
  const now = new Date();
  const inputs = Array.from({ length: 512 }, () => generateDemoOrder(random, now, 90));
  let next = 0;
  let bytes = 0;
  let items = 0;
  const item = () => {
    const input = inputs[next++ % inputs.length]!;
    const stamp = new Date().toISOString();
    const order = {
      ...input,
      order_id: ulid(),
      order_date: input.order_date ?? stamp,
      total_cents: input.items.reduce((sum, line) => sum + line.quantity * line.unit_price_cents, 0),
      version: 1,
      created_at: stamp,
      updated_at: stamp,
    };
    const stored = {
      ...order,
      entity: dateShardOf(order.order_id),
      search_text: `${order.order_id} ${order.customer.name} ${order.customer.email}`.toLowerCase(),
    };
    bytes += JSON.stringify(stored).length;
    items += 1;
    return stored;
  };
  return {
    /** One conditional PutItem; resolves to true when it succeeded. */
    write: async (): Promise<boolean> => {
      try {
        await client.send(
          new PutCommand({ TableName: table, Item: item(), ConditionExpression: 'attribute_not_exists(order_id)' }),
        );
        return true;
      } catch {
        return false;
      }
    },
    itemBytesAvg: () => (items ? Math.round(bytes / items) : 0),
    destroy: () => client.destroy(),
  };
}

/** `inFlight` closed-loop writers for `durationMs`, after a short warm-up of the connections. */
export async function benchmarkRawWrites(options: {
  endpoint: string;
  table: string;
  inFlight: number;
  durationMs: number;
  cpu?: () => CpuByRole;
}): Promise<RawWrites> {
  const { endpoint, table, inFlight, durationMs, cpu } = options;
  const writer = createRawWriter(endpoint, table, inFlight);
  await Promise.all(Array.from({ length: inFlight }, () => writer.write()));

  const totals = new LoopTotals();
  try {
    await closedLoop(inFlight, durationMs, writer.write, totals, cpu);
  } finally {
    writer.destroy();
  }
  const seconds = totals.ms / 1000;
  return {
    endpoint,
    table,
    in_flight: inFlight,
    duration_s: round(seconds),
    writes: totals.ok,
    writes_per_s: round(totals.ok / seconds, 1),
    latency_ms: summarize(totals.latencies),
    errors: totals.errors,
    item_bytes_avg: writer.itemBytesAvg(),
    cpu_ms_per_write: cpu ? totals.cpuPerOperation() : undefined,
  };
}
