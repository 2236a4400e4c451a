import { describe, expect, it } from 'vitest';
import { OrderNotFound, OrderVersionConflict } from '@/lib/orders/errors';
import { createOrder, deleteOrder, getOrder, updateOrder } from '@/lib/orders/service';
import { DEFAULT_TOTAL_CENTS, orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';
import { TEST_WRITER } from '../support/writer';

const table = setupOrdersTable('service');
const MISSING_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => error,
  );
}

describe('orders service against DynamoDB Local', () => {
  it('creates an order at version 1 and reads it back exactly', async () => {
    const now = new Date('2026-03-10T12:30:00.000Z');
    const created = await createOrder(orderInput(), { by: TEST_WRITER, now });
    expect(created).toMatchObject({
      version: 1,
      total_cents: DEFAULT_TOTAL_CENTS,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    expect(await getOrder(created.order_id)).toEqual(created);
  });

  it('uses the creation time as order_date when none is given', async () => {
    const now = new Date('2026-03-11T08:00:00.000Z');
    const created = await createOrder({ ...orderInput(), order_date: undefined }, { by: TEST_WRITER, now });
    expect((await getOrder(created.order_id)).order_date).toBe(now.toISOString());
  });

  it('lets exactly one of two updates from the same version win, and the loser sees the winner', async () => {
    const created = await createOrder(orderInput({ customer: { name: 'Race Condition' } }), { by: TEST_WRITER });
    const edit = (status: 'paid' | 'cancelled') =>
      updateOrder(created.order_id, { ...orderInput(), order_date: created.order_date, status, version: 1 }, { by: TEST_WRITER });

    const results = await Promise.allSettled([edit('paid'), edit('cancelled')]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);

    const winner = (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof updateOrder>>>).value;
    const conflict = (lost[0] as PromiseRejectedResult).reason as unknown;
    expect(conflict).toBeInstanceOf(OrderVersionConflict);
    expect((conflict as OrderVersionConflict).expectedVersion).toBe(1);
    expect((conflict as OrderVersionConflict).current).toEqual(winner);
    expect((conflict as OrderVersionConflict).cause).toBeDefined();

    const stored = await getOrder(created.order_id);
    expect(stored).toEqual(winner);
    expect(stored.version).toBe(2);
    expect(stored.created_at).toBe(created.created_at);
  });

  it('recomputes the total and keeps created_at on update', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER, now: new Date('2026-03-12T00:00:00Z') });
    const items = [{ sku: 'PEN', name: 'Pen', category: 'Office', quantity: 4, unit_price_cents: 250 }];
    const updated = await updateOrder(
      created.order_id,
      { ...orderInput(), order_date: created.order_date, items, version: 1 },
      { by: TEST_WRITER, now: new Date('2026-03-12T01:00:00Z') },
    );
    expect(updated).toMatchObject({
      total_cents: 1_000,
      version: 2,
      created_at: created.created_at,
      updated_at: '2026-03-12T01:00:00.000Z',
    });
    expect(await getOrder(created.order_id)).toEqual(updated);
  });

  it('refuses a delete with a stale version and keeps the order', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER });
    const updated = await updateOrder(created.order_id, {
      ...orderInput(),
      order_date: created.order_date,
      status: 'paid',
      version: 1,
    }, { by: TEST_WRITER });
    const error = await rejectionOf(deleteOrder(created.order_id, 1, { by: TEST_WRITER }));
    expect(error).toBeInstanceOf(OrderVersionConflict);
    expect((error as OrderVersionConflict).current).toEqual(updated);
    expect(await getOrder(created.order_id)).toEqual(updated);
  });

  it('deletes with the current version', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER });
    await deleteOrder(created.order_id, 1, { by: TEST_WRITER });
    expect(await rejectionOf(getOrder(created.order_id))).toBeInstanceOf(OrderNotFound);
  });

  it('reports a missing order as not found on get, update and delete, and writes nothing', async () => {
    const before = await table.countItems();
    expect(await rejectionOf(getOrder(MISSING_ID))).toBeInstanceOf(OrderNotFound);
    expect(
      await rejectionOf(
        updateOrder(MISSING_ID, { ...orderInput(), order_date: '2026-03-10T00:00:00Z', version: 1 }, { by: TEST_WRITER }),
      ),
    ).toBeInstanceOf(OrderNotFound);
    expect(await rejectionOf(deleteOrder(MISSING_ID, 1, { by: TEST_WRITER }))).toBeInstanceOf(OrderNotFound);
    expect(await table.countItems()).toBe(before);
  });
});
