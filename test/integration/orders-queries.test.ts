import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { DATE_PARTITIONS } from '@/lib/orders/date-shards';
import { createOrderSchema, listOrdersQuerySchema, type Order } from '@/lib/orders/schema';
import { createOrder, listOrders, summarizeOrders } from '@/lib/orders/service';
import { orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';
import { TEST_WRITER } from '../support/writer';

/** A caller who sees emails, so may search by them (see the masked-search test). */
const ADMIN_VIEW = { searchEmails: true };

setupOrdersTable('queries');

const list = (query: Record<string, string>) =>
  listOrders(listOrdersQuerySchema.parse({ limit: '200', ...query }), ADMIN_VIEW);
const summarize = (query: Record<string, string>) => summarizeOrders(listOrdersQuerySchema.parse(query), ADMIN_VIEW);
const names = (orders: Order[]) => orders.map((o) => o.customer.name).sort();

const orders: Record<string, Order> = {};

/** Creates through the schema, as the API does, so order_date is normalised to UTC. */
async function create(key: string, overrides: Parameters<typeof orderInput>[0]) {
  orders[key] = await createOrder(
    createOrderSchema.parse(orderInput({ ...overrides, customer: { name: key, ...overrides?.customer } })), { by: TEST_WRITER },);
}

beforeAll(async () => {
  await create('Before Day', {
    order_date: '2026-03-31T23:59:59.999Z',
    status: 'paid',
    items: [line(1, 1_000)],
  });
  await create('Day Start', {
    order_date: '2026-04-01T00:00:00.000Z',
    status: 'paid',
    items: [line(2, 2_500)],
  });
  // 01:30 in Berlin is 23:30 UTC the day before: it belongs to April 1st in UTC.
  await create('Offset Late', {
    order_date: '2026-04-02T01:30:00+02:00',
    status: 'shipped',
    items: [line(1, 99)],
  });
  await create('Day End', {
    order_date: '2026-04-01T23:59:59.999Z',
    status: 'pending',
    items: [line(3, 333)],
  });
  await create('After Day', {
    order_date: '2026-04-02T00:00:00.000Z',
    status: 'paid',
    items: [line(5, 100)],
  });
  await create('Grace Hopper', {
    order_date: '2026-04-03T09:00:00Z',
    status: 'shipped',
    customer: { email: 'amazing.grace@navy.example' },
  });
  await create('Grace Kelly', {
    order_date: '2026-04-04T09:00:00Z',
    status: 'paid',
    currency: 'EUR',
    items: [line(7, 1_234)],
  });
  await create('Yen Buyer', {
    order_date: '2026-04-05T09:00:00Z',
    status: 'paid',
    currency: 'JPY',
    items: [line(3, 1_500)],
  });
});

function line(quantity: number, unit_price_cents: number) {
  return { sku: 'SKU-1', name: 'Thing', category: 'Misc', quantity, unit_price_cents };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('status filter', () => {
  it('queries the by_status index and returns only that status', async () => {
    const send = vi.spyOn(getDynamoDbClient(), 'send');
    const result = await list({ status: 'shipped' });
    expect(names(result.items)).toEqual(['Grace Hopper', 'Offset Late']);
    const queries = send.mock.calls.map(([command]) => command).filter((c) => c instanceof QueryCommand);
    expect(queries.map((q) => q.input.IndexName)).toEqual(['by_status']);
    expect(queries[0]!.input.ExpressionAttributeValues).toMatchObject({ ':pk': 'shipped' });
  });

  it('queries the by_date index without a status', async () => {
    const send = vi.spyOn(getDynamoDbClient(), 'send');
    expect((await list({})).items).toHaveLength(Object.keys(orders).length);
    const queries = send.mock.calls.map(([command]) => command).filter((c) => c instanceof QueryCommand);
    // One Query per shard, and one for orders written before sharding.
    expect(queries.map((q) => q.input.IndexName)).toEqual(DATE_PARTITIONS.map(() => 'by_date'));
    expect(queries.map((q) => q.input.ExpressionAttributeValues?.[':pk']).sort()).toEqual([...DATE_PARTITIONS].sort());
  });
});

describe('date range', () => {
  it('includes both edges of the day in UTC', async () => {
    const result = await list({ from: '2026-04-01', to: '2026-04-01', sort: 'asc' });
    expect(result.items.map((o) => o.customer.name)).toEqual(['Day Start', 'Offset Late', 'Day End']);
    expect(orders['Offset Late']!.order_date).toBe('2026-04-01T23:30:00.000Z');
  });

  it('applies from and to on their own', async () => {
    expect(names((await list({ from: '2026-04-04' })).items)).toEqual(['Grace Kelly', 'Yen Buyer']);
    expect(names((await list({ to: '2026-03-31' })).items)).toEqual(['Before Day']);
  });

  it('combines with a status filter', async () => {
    expect(names((await list({ status: 'paid', from: '2026-04-01', to: '2026-04-02' })).items)).toEqual([
      'After Day',
      'Day Start',
    ]);
  });
});

describe('text search', () => {
  it('matches a customer name substring, ignoring case', async () => {
    expect(names((await list({ q: 'GRACE' })).items)).toEqual(['Grace Hopper', 'Grace Kelly']);
    expect(names((await list({ q: 'ce ke' })).items)).toEqual(['Grace Kelly']);
  });

  it('matches an email', async () => {
    expect(names((await list({ q: 'amazing.grace@navy' })).items)).toEqual(['Grace Hopper']);
  });

  it('finds an order by its full id, in either case', async () => {
    const id = orders['Day End']!.order_id;
    expect(await list({ q: id })).toEqual({ items: [orders['Day End']], next_cursor: null });
    expect((await list({ q: id.toLowerCase() })).items).toEqual([orders['Day End']]);
  });

  it('combines with a status filter, also for a full id', async () => {
    expect(names((await list({ q: 'grace', status: 'paid' })).items)).toEqual(['Grace Kelly']);
    expect((await list({ q: orders['Day End']!.order_id, status: 'paid' })).items).toEqual([]);
  });

  it('returns nothing when nothing matches', async () => {
    expect(await list({ q: 'nobody-by-this-name' })).toEqual({ items: [], next_cursor: null });
  });

  it('does not match emails for a caller who sees them masked, in the list or the summary', async () => {
    const masked = { searchEmails: false };
    const maskedList = (q: string) => listOrders(listOrdersQuerySchema.parse({ limit: '200', q }), masked);
    const maskedSummary = (q: string) => summarizeOrders(listOrdersQuerySchema.parse({ q }), masked);
    // The email fragment would reveal part of a masked address: no match, no count.
    expect((await maskedList('amazing.grace@navy')).items).toEqual([]);
    expect((await maskedSummary('amazing.grace@navy')).count).toBe(0);
    // A name or id still matches, even when the email also contains the text.
    expect(names((await maskedList('grace')).items)).toEqual(['Grace Hopper', 'Grace Kelly']);
    expect((await maskedSummary('grace')).count).toBe(2);
    const id = orders['Grace Hopper']!.order_id;
    expect((await maskedList(id.slice(4, 20).toLowerCase())).items.map((o) => o.order_id)).toEqual([id]);
  });
});

describe('summary', () => {
  const totalsOf = (selected: Order[]) => {
    const totals: Record<string, number> = {};
    for (const order of selected) totals[order.currency] = (totals[order.currency] ?? 0) + order.total_cents;
    return totals;
  };
  const asRecord = (summary: Awaited<ReturnType<typeof summarizeOrders>>) =>
    Object.fromEntries(summary.totals.map((t) => [t.currency, t.total_cents]));

  it('totals every order per currency', async () => {
    const summary = await summarize({});
    expect(summary.count).toBe(Object.keys(orders).length);
    expect(summary.complete).toBe(true);
    expect(asRecord(summary)).toEqual(totalsOf(Object.values(orders)));
    expect(asRecord(summary)).toMatchObject({ EUR: 8_638, JPY: 4_500 });
  });

  it('applies the same filters as the list', async () => {
    const queries: Record<string, string>[] = [
      { status: 'paid' },
      { from: '2026-04-01', to: '2026-04-01' },
      { q: 'grace' },
      { status: 'paid', to: '2026-04-02' },
    ];
    for (const query of queries) {
      const listed = (await list(query)).items;
      const summary = await summarize(query);
      expect(summary.count).toBe(listed.length);
      expect(asRecord(summary)).toEqual(totalsOf(listed));
    }
  });

  it('summarises a full order id lookup', async () => {
    const order = orders['Yen Buyer']!;
    expect(await summarize({ q: order.order_id })).toEqual({
      count: 1,
      totals: [{ currency: 'JPY', total_cents: 4_500 }],
      complete: true,
    });
  });
});
