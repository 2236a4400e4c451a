import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '@/lib/orders/schema';
import { createOrder, deleteOrder } from '@/lib/orders/service';
import { asObjects, runQuery, startAthenaHarness, type AthenaHarness } from '../support/athena';
import { editOrder, redeliver } from '../support/order-changes';
import { orderInput } from '../support/orders';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

/**
 * The product's promise: analytics over the change log equal the source of truth to the cent.
 * Orders go through the real service and the whole local pipeline; the Athena API's current-state
 * view must then match a DynamoDB scan, after edits, a removed line, deletes and a redelivery.
 */
const fixture = setupPipeline('truth');
let athena: AthenaHarness;

beforeAll(async () => {
  await fixture.start();
  athena = await startAthenaHarness({ dataDir: fixture.dataDir() });
});

afterAll(async () => {
  await athena?.stop();
});

const update = editOrder;
const redeliverBatch = (count: number) => redeliver(fixture.kinesis(), fixture.streamName, count);

async function truthFromDynamoDb() {
  const orders = (await fixture.table.snapshot()).map((item) => unmarshall(item) as Order);
  const byStatus: Record<string, { orders: number; cents: number }> = {};
  for (const o of orders) {
    const entry = (byStatus[o.status] ??= { orders: 0, cents: 0 });
    entry.orders += 1;
    entry.cents += o.total_cents;
  }
  return { orders: orders.length, cents: orders.reduce((sum, o) => sum + o.total_cents, 0), byStatus };
}

describe('the change log through the Athena API equals DynamoDB', () => {
  it('after inserts, edits (one dropping a line), deletes and a redelivered batch', async () => {
    let writes = 0;
    const created: Order[] = [];
    const statuses = ['pending', 'paid', 'shipped', 'paid', 'cancelled', 'paid', 'refunded', 'shipped'] as const;
    for (const [i, status] of statuses.entries()) {
      created.push(await createOrder(orderInput({ status, region: i % 2 ? 'NA' : 'EU', customer: { name: `Truth ${i}` } }), { by: TEST_WRITER }));
      writes += 1;
    }
    // Edits: a status change twice on one order, and one that removes a line item.
    const paid = await update(created[0]!, { status: 'paid', version: created[0]!.version });
    await update(paid, { status: 'shipped', version: paid.version });
    const dropped = await update(created[1]!, { items: created[1]!.items.slice(0, 1), version: created[1]!.version });
    writes += 3;
    expect(dropped.total_cents).toBeLessThan(created[1]!.total_cents);
    // Deletes, one after an edit.
    const edited = await update(created[2]!, { status: 'cancelled', version: created[2]!.version });
    await deleteOrder(edited.order_id, edited.version, { by: TEST_WRITER });
    await deleteOrder(created[3]!.order_id, created[3]!.version, { by: TEST_WRITER });
    // An edit, then two deletes of two changes each (the stamp of who deleted, then the REMOVE).
    writes += 1 + 2 * 2;

    await waitFor(() => fixture.changeRows(), (rows) => rows.length >= writes, 30_000, 'every change in S3');
    const redelivered = await redeliverBatch(5);
    expect(redelivered).toBe(5);
    const rows = await waitFor(() => fixture.changeRows(), (r) => r.length >= writes + redelivered, 30_000, 'redelivered rows');
    // Nothing lost, and the duplicates are exactly the redelivered events.
    expect(rows).toHaveLength(writes + redelivered);
    expect(new Set(rows.map((r) => r.event_id)).size).toBe(writes);

    const truth = await truthFromDynamoDb();
    expect(truth.orders).toBe(6);

    const totals = asObjects(
      await runQuery(athena.client, 'SELECT count(*) AS orders, sum(total_cents) AS cents FROM orders_current'),
    );
    expect(totals).toEqual([{ orders: String(truth.orders), cents: String(truth.cents) }]);

    const byStatus = asObjects(
      await runQuery(
        athena.client,
        'SELECT status, count(*) AS orders, sum(total_cents) AS cents FROM orders_current GROUP BY status ORDER BY status',
      ),
    );
    expect(byStatus).toEqual(
      Object.entries(truth.byStatus)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([status, t]) => ({ status, orders: String(t.orders), cents: String(t.cents) })),
    );

    // The raw change log double counts: the tutorial's way of querying it is wrong.
    const naive = asObjects(await runQuery(athena.client, 'SELECT sum(total_cents) AS cents FROM order_changes'));
    expect(Number(naive[0]!.cents)).toBeGreaterThan(truth.cents);
  });
});
