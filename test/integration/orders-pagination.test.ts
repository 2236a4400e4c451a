import { beforeAll, describe, expect, it } from 'vitest';
import { listOrdersQuerySchema, type Order } from '@/lib/orders/schema';
import { createOrder, listOrders } from '@/lib/orders/service';
import { orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';
import { TEST_WRITER } from '../support/writer';

/** A caller who sees emails, so may search by them (see the masked-search test). */
const ADMIN_VIEW = { searchEmails: true };

setupOrdersTable('pagination');

const COUNT = 20;
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

beforeAll(async () => {
  // Days 1..17 of March, with three dates used twice so ties in the sort key cross page edges.
  const days = Array.from({ length: COUNT }, (_, i) => (i < 17 ? i + 1 : i - 14));
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
});

describe('order list pagination', () => {
  it.each([
    ['desc', 5, [5, 5, 5, 5]],
    ['desc', 7, [7, 7, 6]],
    ['asc', 3, [3, 3, 3, 3, 3, 3, 2]],
    ['asc', 20, [20]],
    ['desc', 200, [20]],
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
    expect(pages.map((p) => p.items.length)).toEqual([4, 4, 2]);
    const seen = pages.flatMap((p) => p.items);
    expect(ids(seen).sort()).toEqual(ids(created.filter((o) => o.status === 'paid')).sort());
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
    [
      'a key outside the date range',
      (k: Record<string, string>) => ({ ...k, order_date: '2025-01-01T00:00:00.000Z' }),
    ],
    ['a key without the index attributes', () => ({ foo: 'bar' })],
  ])('refuses a tampered cursor with %s', async (_label, tamper) => {
    const query = { limit: '3', from: '2026-03-05' };
    const issued = await listOrders(listOrdersQuerySchema.parse(query), ADMIN_VIEW);
    const decoded = JSON.parse(Buffer.from(issued.next_cursor!, 'base64url').toString()) as {
      i: string;
      k: Record<string, string>;
    };
    const tampered = Buffer.from(JSON.stringify({ i: decoded.i, k: tamper(decoded.k) })).toString(
      'base64url',
    );
    await expect(
      listOrders(listOrdersQuerySchema.parse({ ...query, cursor: tampered }), ADMIN_VIEW),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'cursor' }],
    });
  });
});
