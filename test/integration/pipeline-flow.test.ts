import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetRecordsCommand, GetShardIteratorCommand, ListShardsCommand } from '@aws-sdk/client-kinesis';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { streamRecordSchema } from '@/lib/cdc/stream-record';
import { createOrder, deleteOrder, updateOrder } from '@/lib/orders/service';
import type { Pipeline } from '@/local/pipeline';
import { orderInput } from '../support/orders';
import { createAdminClient } from '../support/orders-table';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

const fixture = setupPipeline('flow');
let pipeline: Pipeline;

beforeAll(async () => {
  // Default batching window and buffering (1 s each), as `npm start` runs them.
  pipeline = await fixture.start();
});
afterAll(async () => {
  await pipeline.stop();
});

describe('orders → DynamoDB stream → pipe → Kinesis → firehose → S3 files', () => {
  it('delivers INSERT, MODIFY and REMOVE of an order as change rows with their versions', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER });
    const input = orderInput({ status: 'paid' });
    const paid = await updateOrder(created.order_id, {
      ...input,
      order_date: created.order_date,
      version: 1,
    }, { by: TEST_WRITER });
    const oneLine = await updateOrder(created.order_id, {
      ...input,
      items: input.items.slice(0, 1),
      order_date: created.order_date,
      version: paid.version,
    }, { by: TEST_WRITER });
    await deleteOrder(created.order_id, oneLine.version, { by: TEST_WRITER });

    const rows = await waitFor(
      async () => (await fixture.changeRows()).filter((r) => r.order_id === created.order_id),
      (found) => found.length >= 5,
      20_000,
      'five change rows',
    );
    rows.sort((a, b) => a.sequence_number.localeCompare(b.sequence_number));
    expect(
      rows.map((r) => [r.event_name, r.version, r.status, r.item_count, r.total_cents, r.is_deleted, r.updated_by]),
    ).toEqual([
      ['INSERT', 1, 'pending', 2, created.total_cents, false, TEST_WRITER.username],
      ['MODIFY', 2, 'paid', 2, created.total_cents, false, TEST_WRITER.username],
      ['MODIFY', 3, 'paid', 1, 2 * 129_900, false, TEST_WRITER.username],
      // A delete first stamps who deleted it (a MODIFY), then removes that version.
      ['MODIFY', 4, 'paid', 1, 2 * 129_900, false, TEST_WRITER.username],
      ['REMOVE', 4, 'paid', 1, 2 * 129_900, true, TEST_WRITER.username],
    ]);
    for (const row of rows) {
      expect(row.sequence_number).toMatch(/^\d{40}$/);
      expect(row.key).toMatch(
        new RegExp(
          `^order_changes_v2/dt=${row.change_time.slice(0, 10)}/order-changes-to-s3-1-\\d{4}(-\\d\\d){5}-[0-9a-f-]{36}\\.parquet$`,
        ),
      );
    }
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(5);
    expect(pipeline.stats().pipe).toMatchObject({ deadLettered: 0, lastError: null });
  });

  it('puts Pipes-shaped records on Kinesis, keyed by order id, each order in one shard in order', async () => {
    const created = await createOrder(orderInput({ customer: { name: 'Kinesis Reader' } }), { by: TEST_WRITER });
    await updateOrder(created.order_id, {
      ...orderInput({ status: 'shipped' }),
      order_date: created.order_date,
      version: 1,
    }, { by: TEST_WRITER });
    await waitFor(
      async () => (await fixture.changeRows()).filter((r) => r.order_id === created.order_id).length,
      (n) => n >= 2,
    );

    const kinesis = fixture.kinesis();
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: fixture.streamName }));
    const byShard = new Map<
      string,
      { partitionKey: string; record: ReturnType<typeof streamRecordSchema.parse> }[]
    >();
    for (const shard of Shards) {
      const { ShardIterator } = await kinesis.send(
        new GetShardIteratorCommand({
          StreamName: fixture.streamName,
          ShardId: shard.ShardId,
          ShardIteratorType: 'TRIM_HORIZON',
        }),
      );
      const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator }));
      byShard.set(
        shard.ShardId!,
        Records.map((r) => ({
          partitionKey: r.PartitionKey!,
          record: streamRecordSchema.parse(JSON.parse(Buffer.from(r.Data!).toString())),
        })),
      );
    }
    const ours = [...byShard.entries()]
      .map(([shard, records]) => [shard, records.filter((r) => r.partitionKey === created.order_id)] as const)
      .filter(([, r]) => r.length);
    expect(ours).toHaveLength(1);
    const [, records] = ours[0]!;
    expect(records.map((r) => r.record.eventName)).toEqual(['INSERT', 'MODIFY']);
    expect(records[0]!.record).toMatchObject({
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      eventSourceARN: expect.stringContaining(`table/${fixture.table.name}/stream/`),
      dynamodb: { Keys: { order_id: { S: created.order_id } }, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    });
    expect(typeof records[0]!.record.dynamodb.ApproximateCreationDateTime).toBe('number');
    expect(records[0]!.record.dynamodb.OldImage).toBeUndefined();
    expect(records[1]!.record.dynamodb.OldImage).toBeDefined();
  });

  it("sends an item another writer stored in the tutorial's shape to the error prefix and keeps going", async () => {
    const admin = createAdminClient();
    try {
      await admin.send(
        new PutItemCommand({
          TableName: fixture.table.name,
          Item: marshall({ order_id: 'tutorial-1', product_name: 'Laptop', quantity: 1, price: 999.99 }),
        }),
      );
    } finally {
      admin.destroy();
    }
    const after = await createOrder(orderInput({ customer: { name: 'After The Poison' } }), { by: TEST_WRITER });

    const [failure] = await waitFor(
      async () =>
        (await fixture.errorRecords()).filter((e) =>
          Buffer.from(e.rawData, 'base64').toString().includes('tutorial-1'),
        ),
      (found) => found.length > 0,
    );
    expect(failure!.errorCode).toBe('Lambda.ProcessingFailed');
    expect(failure!.errorMessage).toMatch(
      /^NewImage is not an order of this app \(attributes: order_id, price, product_name, quantity\)/,
    );
    expect(failure!.key).toMatch(
      /^errors\/processing-failed\/\d{4}\/\d\d\/\d\d\/\d\d\/order-changes-to-s3-1-/,
    );
    await waitFor(
      async () => (await fixture.changeRows()).some((r) => r.order_id === after.order_id),
      Boolean,
    );
  });
});
