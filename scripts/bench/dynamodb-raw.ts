import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import http from 'node:http';
import { ulid } from 'ulid';
import { createRandom, generateDemoOrder } from '../../local/demo-orders';
import { dateShardOf } from '../../lib/orders/date-shards';
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
};

/**
 * The ceiling under the API: PutItem of items shaped like stored orders (same attributes, so the
 * same two GSIs are maintained) straight from the SDK, no Next.js in between.
 */
export async function benchmarkRawWrites(options: {
  endpoint: string;
  table: string;
  inFlight: number;
  durationMs: number;
}): Promise<RawWrites> {
  const { endpoint, table, inFlight, durationMs } = options;
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
    return stored;
  };

  // Warm the connections and the JVM's code paths a little, as the API phases do.
  await Promise.all(
    Array.from({ length: inFlight }, () => client.send(new PutCommand({ TableName: table, Item: item() }))),
  );
  bytes = 0;
  next = 0;

  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  try {
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          try {
            await client.send(new PutCommand({ TableName: table, Item: item() }));
          } catch {
            errors++;
          }
          latencies.push(performance.now() - t0);
        }
      }),
    );
  } finally {
    client.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    endpoint,
    table,
    in_flight: inFlight,
    duration_s: round(seconds),
    writes: latencies.length - errors,
    writes_per_s: round((latencies.length - errors) / seconds, 1),
    latency_ms: summarize(latencies),
    errors,
    item_bytes_avg: latencies.length ? Math.round(bytes / latencies.length) : 0,
  };
}
