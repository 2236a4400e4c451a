import { describe, expect, it } from 'vitest';
import * as orderRoute from '@/app/api/orders/[id]/route';
import * as ordersRoute from '@/app/api/orders/route';
import * as summaryRoute from '@/app/api/orders/summary/route';
import type { Order } from '@/lib/orders/schema';
import { deleteRequest, getRequest, idContext, jsonRequest } from '../support/api';
import { DEFAULT_TOTAL_CENTS, orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';

setupOrdersTable('api');

const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const MISSING_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const ORDER_KEYS = [
  'channel',
  'created_at',
  'currency',
  'customer',
  'items',
  'order_date',
  'order_id',
  'region',
  'status',
  'total_cents',
  'updated_at',
  'updated_by',
  'version',
];

async function post(body: unknown): Promise<Order> {
  const response = await ordersRoute.POST(jsonRequest('POST', '/api/orders', body));
  expect(response.status).toBe(201);
  return (await response.json()) as Order;
}

const put = (id: string, body: unknown) =>
  orderRoute.PUT(jsonRequest('PUT', `/api/orders/${id}`, body), idContext(id));
const get = (id: string) => orderRoute.GET(getRequest(`/api/orders/${id}`), idContext(id));
const del = (id: string, version: number) =>
  orderRoute.DELETE(deleteRequest(`/api/orders/${id}?version=${version}`), idContext(id));
const updateBody = (order: Order, changes: object = {}) => ({
  ...orderInput(),
  order_date: order.order_date,
  version: order.version,
  ...changes,
});

describe('POST /api/orders', () => {
  it('returns 201 with the whole order, its id, version 1, total and timestamps', async () => {
    const input = orderInput({
      customer: { name: ' Contract Customer ' },
      order_date: '2026-05-01T12:00:00+01:00',
    });
    const response = await ordersRoute.POST(jsonRequest('POST', '/api/orders', input));
    expect(response.status).toBe(201);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const order = (await response.json()) as Order;

    expect(Object.keys(order).sort()).toEqual(ORDER_KEYS);
    expect(order).toEqual({
      ...input,
      customer: { name: 'Contract Customer', email: 'ada@example.com' },
      order_date: '2026-05-01T11:00:00.000Z',
      order_id: expect.stringMatching(ULID),
      version: 1,
      total_cents: DEFAULT_TOTAL_CENTS,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      updated_at: order.created_at,
      // From the verified token, never the body.
      updated_by: 'admin',
    });
    expect(response.headers.get('location')).toBe(`/api/orders/${order.order_id}`);
  });

  it('defaults status, currency and order_date', async () => {
    const { status: _s, currency: _c, order_date: _d, ...minimal } = orderInput();
    const order = await post(minimal);
    expect(order).toMatchObject({ status: 'pending', currency: 'USD', order_date: order.created_at });
  });
});

describe('GET /api/orders/:id', () => {
  it('returns the stored order', async () => {
    const created = await post(orderInput());
    const response = await get(created.order_id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(created);
  });

  it('returns 404 for an id that does not exist', async () => {
    const response = await get(MISSING_ID);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: 'not_found',
      message: `Order ${MISSING_ID} does not exist`,
    });
  });
});

describe('PUT /api/orders/:id', () => {
  it('replaces the order and bumps the version by one', async () => {
    const created = await post(orderInput());
    const response = await put(created.order_id, updateBody(created, { status: 'shipped', region: 'APAC' }));
    expect(response.status).toBe(200);
    const updated = (await response.json()) as Order;
    expect(updated).toMatchObject({
      order_id: created.order_id,
      status: 'shipped',
      region: 'APAC',
      version: 2,
      created_at: created.created_at,
    });
    expect(updated.updated_at >= created.updated_at).toBe(true);
    expect(await (await get(created.order_id)).json()).toEqual(updated);
  });

  it('accepts a GET body sent back as is, ignoring the server-owned fields', async () => {
    const created = await post(orderInput());
    const read = (await (await get(created.order_id)).json()) as Order;
    const response = await put(created.order_id, { ...read, status: 'paid', total_cents: 1, created_at: 'x' });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: 'paid',
      version: 2,
      total_cents: DEFAULT_TOTAL_CENTS,
      created_at: created.created_at,
    });
  });

  it('answers a stale version with 409 and the current order', async () => {
    const created = await post(orderInput());
    const current = (await (
      await put(created.order_id, updateBody(created, { status: 'paid' }))
    ).json()) as Order;
    const response = await put(created.order_id, updateBody(created, { status: 'cancelled' }));
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: string; message: string; current: Order };
    expect(body).toEqual({
      error: 'conflict',
      message: expect.stringContaining('version 2, not 1'),
      current,
    });
    expect(await (await get(created.order_id)).json()).toEqual(current);
  });

  it('returns 404 for an id that does not exist', async () => {
    const response = await put(MISSING_ID, { ...orderInput(), version: 1 });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('DELETE /api/orders/:id?version=N', () => {
  it('refuses a stale version with 409, then deletes with the current one (204), then 404', async () => {
    const created = await post(orderInput());
    const current = (await (
      await put(created.order_id, updateBody(created, { status: 'paid' }))
    ).json()) as Order;

    const stale = await del(created.order_id, 1);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ error: 'conflict', current });

    const deleted = await del(created.order_id, 2);
    expect(deleted.status).toBe(204);
    expect(await deleted.text()).toBe('');
    expect((await get(created.order_id)).status).toBe(404);
    expect((await del(created.order_id, 2)).status).toBe(404);
  });
});

describe('GET /api/orders', () => {
  it('lists orders as {items, next_cursor} and follows the cursor', async () => {
    const marker = `Lister ${Date.now()}`;
    const mine = [
      await post(orderInput({ customer: { name: marker } })),
      await post(orderInput({ customer: { name: marker } })),
    ];
    const first = await ordersRoute.GET(getRequest(`/api/orders?q=${encodeURIComponent(marker)}&limit=1`));
    expect(first.status).toBe(200);
    const page1 = (await first.json()) as { items: Order[]; next_cursor: string | null };
    expect(Object.keys(page1).sort()).toEqual(['items', 'next_cursor']);
    expect(page1.items).toHaveLength(1);
    expect(typeof page1.next_cursor).toBe('string');

    const second = await ordersRoute.GET(
      getRequest(`/api/orders?q=${encodeURIComponent(marker)}&limit=1&cursor=${page1.next_cursor}`),
    );
    const page2 = (await second.json()) as { items: Order[]; next_cursor: string | null };
    expect(page2.next_cursor).toBeNull();
    expect([...page1.items, ...page2.items].map((o) => o.order_id).sort()).toEqual(
      mine.map((o) => o.order_id).sort(),
    );
  });

  it('returns 400, not a DynamoDB error, for a cursor reused under another status', async () => {
    await post(orderInput({ status: 'paid' }));
    await post(orderInput({ status: 'paid' }));
    const first = (await (await ordersRoute.GET(getRequest('/api/orders?status=paid&limit=1'))).json()) as {
      next_cursor: string;
    };
    const response = await ordersRoute.GET(
      getRequest(`/api/orders?status=pending&limit=1&cursor=${first.next_cursor}`),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'validation', issues: [{ path: 'cursor' }] });
  });

  it.each([
    ['a cursor that is not a cursor', '?cursor=garbage', ['cursor']],
    [
      'a cursor for another filter',
      `?status=paid&cursor=${Buffer.from(JSON.stringify({ i: 'by_date', p: {} })).toString('base64url')}`,
      ['cursor'],
    ],
    ['limit=0 and an unknown status', '?limit=0&status=lost', ['status', 'limit']],
    ['from after to', '?from=2026-05-02&to=2026-05-01', ['from']],
    ['an impossible date', '?from=2026-02-30', ['from']],
  ])('returns 400 for %s', async (_label, search, paths) => {
    const response = await ordersRoute.GET(getRequest(`/api/orders${search}`));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; issues: { path: string }[] };
    expect(body.error).toBe('validation');
    expect(body.issues.map((i) => i.path)).toEqual(paths);
  });
});

describe('GET /api/orders as a role that sees emails masked', () => {
  it('masks the email and does not let a search by email reveal it', async () => {
    const order = await post(orderInput({ customer: { name: 'Masked Search', email: 'hidden.address@secret.example' } }));
    const search = async (q: string, as: 'analyst' | 'admin') =>
      ((await (await ordersRoute.GET(getRequest(`/api/orders?q=${encodeURIComponent(q)}`, as))).json()) as { items: Order[] }).items;
    expect((await search('hidden.address@secret', 'admin')).map((o) => o.order_id)).toEqual([order.order_id]);
    expect(await search('hidden.address@secret', 'analyst')).toEqual([]);
    const [byName] = await search('masked search', 'analyst');
    expect(byName?.customer.email).toBe('h•••@secret.example');
    const summary = await (await summaryRoute.GET(getRequest('/api/orders/summary?q=hidden.address', 'analyst'))).json();
    expect(summary.count).toBe(0);
  });
});

describe('GET /api/orders/summary', () => {
  it('counts and totals the orders matching the filters', async () => {
    const marker = `Summary ${Date.now()}`;
    await post(orderInput({ customer: { name: marker } }));
    await post(
      orderInput({
        customer: { name: marker },
        currency: 'EUR',
        items: [{ sku: 'A', name: 'A', category: 'A', quantity: 3, unit_price_cents: 7 }],
      }),
    );
    const response = await summaryRoute.GET(
      getRequest(`/api/orders/summary?q=${encodeURIComponent(marker)}`),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      count: number;
      totals: { currency: string; total_cents: number }[];
      complete: boolean;
    };
    expect(body.count).toBe(2);
    expect(body.complete).toBe(true);
    expect(body.totals.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([
      { currency: 'EUR', total_cents: 21 },
      { currency: 'USD', total_cents: DEFAULT_TOTAL_CENTS },
    ]);
  });

  it('returns 400 for a bad filter', async () => {
    const response = await summaryRoute.GET(getRequest('/api/orders/summary?sort=sideways'));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'validation', issues: [{ path: 'sort' }] });
  });
});
