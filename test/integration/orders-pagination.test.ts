import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { DATE_SHARDS, LEGACY_ORDER_ENTITY } from '@/lib/orders/date-shards';
import { searchTextOf } from '@/lib/orders/repository';
import { listOrdersQuerySchema, type Order } from '@/lib/orders/schema';
import { createOrder, listOrders, summarizeOrders } from '@/lib/orders/service';
import { editOrder } from '../support/order-changes';
import { orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';
import { TEST_WRITER } from '../support/writer';

/** A caller who sees emails, so may search by them (see the masked-search test). */
const ADMIN_VIEW = { searchEmails: true };

const table = setupOrdersTable('pagination');

/** Orders through the service (sharded), plus LEGACY written as before sharding. */
const SHARDED = 20;
const LEGACY = 4;
const COUNT = SHARDED + LEGACY;
let created: Order[] = [];

/** Follows next_cursor from the first page to the last, returning every page. */
async function walk(query: Record<string, string>) {
  const pages: Awaited<ReturnType<typeof listOrders>>[] = [];
  let cursor: string | undefined;
  do {
    const page = await listOrders(listOrdersQuerySchema.parse({ ...query, cursor }), ADMIN_VIEW);
    pages.push(page);
    cursor = page.next_cursor ?? undefined;
  } while (cursor && pages.length <= COUNT);
  return pages;
}

const ids = (orders: Order[]) => orders.map((o) => o.order_id);

/** An order as the app stored it before the by_date index was sharded: one constant key. */
async function putLegacy(order: Order) {
  await getDynamoDbClient().send(
    new PutCommand({
      TableName: table.name,
      Item: { ...order, entity: LEGACY_ORDER_ENTITY, search_text: searchTextOf(order) },
    }),
  );
}

beforeAll(async () => {
  // Days 1..17 of March, with three dates used twice so ties in the sort key cross page edges.
  const days = Array.from({ length: SHARDED }, (_, i) => (i < 17 ? i + 1 : i - 14));
  created = [];
  for (const [i, day] of days.entries()) {
    const date = `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    created.push(
      await createOrder(
        orderInput({
          order_date: date,
          status: i % 2 ? 'paid' : 'pending',
          customer: { name: `Pager ${i}` },
        }), { by: TEST_WRITER },),
    );
  }
  for (let i = 0; i < LEGACY; i++) {
    const template = created[i * 3]!;
    const legacy: Order = {
      ...template,
      order_id: `${template.order_id.slice(0, 21)}ZZZZ${i}`,
      customer: { ...template.customer, name: `Pager legacy ${i}` },
      order_date: `2026-03-${String(2 + i * 4).padStart(2, '0')}T10:00:00.000Z`,
    };
    await putLegacy(legacy);
    created.push(legacy);
  }
});

describe('the sharded by_date index', () => {
  it('stores each order under one of its shards, spreading them', async () => {
    const entities = (await table.snapshot()).map((item) => item.entity?.S ?? '');
    const sharded = entities.filter((e) => e !== LEGACY_ORDER_ENTITY);
    expect(sharded).toHaveLength(SHARDED);
    for (const e of sharded) expect(e).toMatch(new RegExp(`^order#[0-${DATE_SHARDS - 1}]$`));
    expect(new Set(sharded).size).toBeGreaterThan(3);
  });

  it('counts and totals the shards and the legacy key together', async () => {
    const summary = await summarizeOrders(listOrdersQuerySchema.parse({}), ADMIN_VIEW);
    expect(summary.count).toBe(COUNT);
    const cents = created.reduce((sum, o) => sum + o.total_cents, 0);
    expect(summary.totals).toEqual([{ currency: 'USD', total_cents: cents }]);
  });
});

describe('order list pagination', () => {
  it.each([
    ['desc', 5, [5, 5, 5, 5, 4]],
    ['desc', 7, [7, 7, 7, 3]],
    ['asc', 3, [3, 3, 3, 3, 3, 3, 3, 3]],
    ['asc', 1, Array.from({ length: COUNT }, () => 1)],
    ['asc', 24, [24]],
    ['desc', 200, [24]],
  ] as const)(
    'sort=%s limit=%d returns every order exactly once in pages of %j',
    async (sort, limit, sizes) => {
      const pages = await walk({ sort, limit: String(limit) });
      expect(pages.map((p) => p.items.length)).toEqual(sizes);
      expect(pages.at(-1)!.next_cursor).toBeNull();
      expect(pages.slice(0, -1).every((p) => typeof p.next_cursor === 'string')).toBe(true);

      const seen = pages.flatMap((p) => p.items);
      expect(ids(seen).sort()).toEqual(ids(created).sort());
      const dates = seen.map((o) => o.order_date);
      const sorted = [...dates].sort();
      expect(dates).toEqual(sort === 'asc' ? sorted : sorted.reverse());
    },
  );

  it('pages through one status on the by_status index', async () => {
    const pages = await walk({ status: 'paid', limit: '4' });
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4]);
    const seen = pages.flatMap((p) => p.items);
    expect(ids(seen).sort()).toEqual(ids(created.filter((o) => o.status === 'paid')).sort());
  });

  it('moves a legacy order onto its shard when it is edited, still listed once', async () => {
    const legacy = created.find((o) => o.customer.name === 'Pager legacy 3')!;
    const edited = await editOrder(legacy);
    created[created.indexOf(legacy)] = edited;
    const stored = (await table.snapshot()).find((item) => item.order_id?.S === legacy.order_id)!;
    expect(stored.entity?.S).toMatch(/^order#\d$/);
    const seen = (await walk({ limit: '5' })).flatMap((p) => p.items);
    expect(ids(seen).sort()).toEqual(ids(created).sort());
  });

  it('pages through a text search that skips most orders', async () => {
    // "pager 1" matches Pager 1 and Pager 10..19: eleven orders.
    const pages = await walk({ q: 'pager 1', limit: '4', sort: 'asc' });
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 3]);
    const names = pages.flatMap((p) => p.items).map((o) => o.customer.name);
    expect(names.sort()).toEqual(['Pager 1', ...Array.from({ length: 10 }, (_, i) => `Pager 1${i}`)].sort());
  });

  it.each([
    ['the status filter is dropped', {}],
    ['the status changes', { status: 'pending' }],
    ['the sort order flips', { status: 'paid', sort: 'asc' }],
    ['a date range is added', { status: 'paid', from: '2026-03-10' }],
    ['a search is added', { status: 'paid', q: 'pager' }],
  ])('refuses a cursor issued for status=paid when %s', async (_label, query) => {
    const issued = await listOrders(listOrdersQuerySchema.parse({ limit: '3', status: 'paid' }), ADMIN_VIEW);
    const reused = listOrdersQuerySchema.parse({ limit: '3', ...query, cursor: issued.next_cursor });
    await expect(listOrders(reused, ADMIN_VIEW)).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'cursor' }],
    });
  });

  it.each([
    ['a key outside the date range', (at: [string, string]) => ['2025-01-01T00:00:00.000Z', at[1]]],
    ['a key that is not a date and id pair', () => ({ foo: 'bar' })],
  ])('refuses a tampered cursor with %s', async (_label, tamper) => {
    const query = { limit: '3', from: '2026-03-05' };
    const issued = await listOrders(listOrdersQuerySchema.parse(query), ADMIN_VIEW);
    const decoded = JSON.parse(Buffer.from(issued.next_cursor!, 'base64url').toString()) as {
      i: string;
      p: Record<string, [string, string] | 0>;
    };
    const [partition, at] = Object.entries(decoded.p).find(([, at]) => at !== 0)!;
    const tampered = Buffer.from(
      JSON.stringify({ i: decoded.i, p: { ...decoded.p, [partition]: tamper(at as [string, string]) } }),
    ).toString('base64url');
    await expect(
      listOrders(listOrdersQuerySchema.parse({ ...query, cursor: tampered }), ADMIN_VIEW),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'cursor' }],
    });
  });
});
