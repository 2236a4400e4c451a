import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand, PutRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import type { Order } from '@/lib/orders/schema';
import { updateOrder } from '@/lib/orders/service';
import { TEST_WRITER } from './writer';

/**
 * An edit through the order service, as the dashboard sends it: the stored order with
 * `changes` applied, server-owned fields dropped. Pass `version` to say which version it edits.
 */
export function editOrder(order: Order, changes: Partial<Order> = {}) {
  const { order_id: _id, total_cents: _t, created_at: _c, updated_at: _u, updated_by: _b, ...fields } = order;
  return updateOrder(order.order_id, { ...fields, ...changes }, { by: TEST_WRITER });
}

/** Puts the first `count` records of the stream again, as a retrying pipe would; returns how many. */
export async function redeliver(kinesis: KinesisClient, streamName: string, count: number): Promise<number> {
  const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: streamName }));
  const records = [];
  for (const shard of Shards) {
    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }),
    );
    records.push(...((await kinesis.send(new GetRecordsCommand({ ShardIterator }))).Records ?? []));
  }
  const batch = records.slice(0, count);
  await kinesis.send(
    new PutRecordsCommand({ StreamName: streamName, Records: batch.map((r) => ({ Data: r.Data!, PartitionKey: r.PartitionKey! })) }),
  );
  return batch.length;
}
