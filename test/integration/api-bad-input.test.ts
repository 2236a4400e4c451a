import { beforeAll, describe, expect, it } from 'vitest';
import * as orderRoute from '@/app/api/orders/[id]/route';
import * as ordersRoute from '@/app/api/orders/route';
import type { Order } from '@/lib/orders/schema';
import { deleteRequest, getRequest, idContext, jsonRequest, rawRequest } from '../support/api';
import { orderInput } from '../support/orders';
import { setupOrdersTable } from '../support/orders-table';

const table = setupOrdersTable('bad-input');

/** One stored order, the target of every PUT and DELETE case. */
let existing: Order;

beforeAll(async () => {
  const response = await ordersRoute.POST(
    jsonRequest('POST', '/api/orders', orderInput({ customer: { name: 'Existing' } })),
  );
  existing = (await response.json()) as Order;
});

const valid = orderInput();
const line = valid.items[0]!;
const withItems = (...items: object[]) => ({ ...valid, items });
const without = (...keys: string[]) =>
  Object.fromEntries(Object.entries(valid).filter(([k]) => !keys.includes(k)));
const updateOf = (changes: object = {}) => ({ ...valid, version: existing.version, ...changes });

const post = (body: unknown) => ordersRoute.POST(jsonRequest('POST', '/api/orders', body));
const postRaw = (body: string, headers: Record<string, string>) =>
  ordersRoute.POST(rawRequest('POST', '/api/orders', body, headers));
const getById = (id: string) => orderRoute.GET(getRequest(`/api/orders/${encodeURIComponent(id)}`), idContext(id));
const putById = (id: string, body: unknown) =>
  orderRoute.PUT(jsonRequest('PUT', `/api/orders/${encodeURIComponent(id)}`, body), idContext(id));
const putExisting = (body: unknown) => putById(existing.order_id, body);
const deleteById = (id: string, search: string) =>
  orderRoute.DELETE(deleteRequest(`/api/orders/${encodeURIComponent(id)}${search}`), idContext(id));
const deleteExisting = (search: string) => deleteById(existing.order_id, search);

type BadInput = {
  name: string;
  send: () => Promise<Response>;
  /** Exact issue paths, in order, for a 400; omitted for 413/415. */
  paths?: string[];
  status?: number;
  error?: string;
  /** Text the issue messages must mention, e.g. the unknown key. */
  mentions?: string;
};

const corpus: BadInput[] = [
  // Missing fields and wrong types
  { name: 'an empty object', send: () => post({}), paths: ['customer', 'region', 'channel', 'items'] },
  { name: 'no customer', send: () => post(without('customer')), paths: ['customer'] },
  { name: 'a null customer', send: () => post({ ...valid, customer: null }), paths: ['customer'] },
  { name: 'no items', send: () => post(without('items')), paths: ['items'] },
  {
    name: 'no region or channel',
    send: () => post(without('region', 'channel')),
    paths: ['region', 'channel'],
  },
  {
    name: 'a customer name that is a number',
    send: () => post({ ...valid, customer: { ...valid.customer, name: 42 } }),
    paths: ['customer.name'],
  },
  { name: 'items as a string', send: () => post({ ...valid, items: 'LAP-13 x2' }), paths: ['items'] },
  {
    name: 'a quantity as a string',
    send: () => post(withItems({ ...line, quantity: '2' })),
    paths: ['items.0.quantity'],
  },
  {
    name: 'an unknown status and currency',
    send: () => post({ ...valid, status: 'lost', currency: 'BTC' }),
    paths: ['status', 'currency'],
  },
  // Line items
  { name: 'zero items', send: () => post(withItems()), paths: ['items'] },
  {
    name: 'a negative quantity',
    send: () => post(withItems({ ...line, quantity: -1 })),
    paths: ['items.0.quantity'],
  },
  {
    name: 'a zero quantity on the second line',
    send: () => post(withItems(line, { ...line, quantity: 0 })),
    paths: ['items.1.quantity'],
  },
  {
    name: 'a quantity above 10,000',
    send: () => post(withItems({ ...line, quantity: 10_001 })),
    paths: ['items.0.quantity'],
  },
  {
    name: 'an overflowing quantity (1e400 parses as Infinity)',
    send: () =>
      postRaw(JSON.stringify(withItems(line)).replace('"quantity":2', '"quantity":1e400'), {
        'content-type': 'application/json',
      }),
    paths: ['items.0.quantity'],
  },
  {
    name: 'a fractional unit price',
    send: () => post(withItems({ ...line, unit_price_cents: 12.5 })),
    paths: ['items.0.unit_price_cents'],
  },
  {
    name: 'a negative unit price',
    send: () => post(withItems({ ...line, unit_price_cents: -1 })),
    paths: ['items.0.unit_price_cents'],
  },
  {
    name: '1,000 line items',
    send: () => post(withItems(...Array.from({ length: 1_000 }, () => line))),
    paths: ['items'],
  },
  {
    name: 'a SKU with path characters',
    send: () => post(withItems({ ...line, sku: '../etc/passwd' })),
    paths: ['items.0.sku'],
  },
  // Sizes and unknown fields
  {
    name: 'a 1 MB customer name',
    send: () => post({ ...valid, customer: { ...valid.customer, name: 'x'.repeat(1_000_000) } }),
    paths: ['customer.name'],
  },
  {
    name: 'an unknown top-level field',
    send: () => post({ ...valid, discount: 10 }),
    paths: ['discount'],
    mentions: 'discount',
  },
  {
    name: 'a client-chosen order_id',
    send: () => post({ ...valid, order_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
    paths: ['order_id'],
    mentions: 'order_id',
  },
  {
    name: 'an unknown field in a line item',
    send: () => post(withItems({ ...line, discount_cents: 5 })),
    paths: ['items.0.discount_cents'],
    mentions: 'discount_cents',
  },
  {
    name: 'an unknown field in the customer',
    send: () => post({ ...valid, customer: { ...valid.customer, vip: true } }),
    paths: ['customer.vip'],
    mentions: 'vip',
  },
  // Formats
  {
    name: 'an invalid email',
    send: () => post({ ...valid, customer: { ...valid.customer, email: 'ada@' } }),
    paths: ['customer.email'],
  },
  {
    name: 'an impossible order_date',
    send: () => post({ ...valid, order_date: '2026-02-30T10:00:00Z' }),
    paths: ['order_date'],
  },
  {
    name: 'an order_date without a time zone',
    send: () => post({ ...valid, order_date: '2026-03-10T10:00:00' }),
    paths: ['order_date'],
  },
  // Bodies that are not an order
  {
    name: 'a body that is not JSON',
    send: () => postRaw('{"customer": ', { 'content-type': 'application/json' }),
    paths: [''],
    mentions: 'not valid JSON',
  },
  {
    name: 'an empty body',
    send: () => postRaw('', { 'content-type': 'application/json' }),
    paths: [''],
    mentions: 'empty',
  },
  { name: 'a JSON array', send: () => post([valid]), paths: [''] },
  { name: 'JSON null', send: () => post(null), paths: [''] },
  {
    name: 'a text/plain body',
    send: () => postRaw(JSON.stringify(valid), { 'content-type': 'text/plain' }),
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'a form-encoded body',
    send: () => postRaw('status=paid', { 'content-type': 'application/x-www-form-urlencoded' }),
    status: 415,
    error: 'unsupported_media_type',
  },
  {
    name: 'a body over 2 MiB',
    send: () => post({ ...valid, customer: { ...valid.customer, name: 'x'.repeat(3_000_000) } }),
    status: 413,
    error: 'payload_too_large',
  },
  // Ids with path tricks
  { name: 'GET of ../etc', send: () => getById('../etc'), paths: ['id'] },
  { name: 'GET of %2e%2e', send: () => getById('%2e%2e'), paths: ['id'] },
  { name: 'GET of a/b', send: () => getById('a/b'), paths: ['id'] },
  { name: 'GET of a 27-character id', send: () => getById('01ARZ3NDEKTSV4RRFFQ69G5FAVX'), paths: ['id'] },
  { name: 'PUT to ../etc', send: () => putById('../etc', updateOf()), paths: ['id'] },
  { name: 'PUT to %2e%2e%2f', send: () => putById('%2e%2e%2f', updateOf()), paths: ['id'] },
  { name: 'DELETE of a/b', send: () => deleteById('a/b', '?version=1'), paths: ['id'] },
  {
    name: 'DELETE of a 1,000-character id',
    send: () => deleteById('A'.repeat(1_000), '?version=1'),
    paths: ['id'],
  },
  // Updates and deletes of the existing order
  { name: 'PUT without version', send: () => putExisting(valid), paths: ['version'] },
  {
    name: 'PUT with version as a string',
    send: () => putExisting(updateOf({ version: '1' })),
    paths: ['version'],
  },
  {
    name: 'PUT with another order\'s id in the body',
    send: () => putExisting(updateOf({ order_id: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })),
    paths: ['order_id'],
    mentions: 'URL',
  },
  {
    name: 'PUT with a zero quantity',
    send: () => putExisting(updateOf({ items: [{ ...line, quantity: 0 }] })),
    paths: ['items.0.quantity'],
  },
  {
    name: 'PUT with a text/plain body',
    send: () =>
      orderRoute.PUT(
        rawRequest('PUT', `/api/orders/${existing.order_id}`, JSON.stringify(updateOf()), {
          'content-type': 'text/plain',
        }),
        idContext(existing.order_id),
      ),
    status: 415,
    error: 'unsupported_media_type',
  },
  { name: 'DELETE without version', send: () => deleteExisting(''), paths: ['version'] },
  { name: 'DELETE with version=abc', send: () => deleteExisting('?version=abc'), paths: ['version'] },
  { name: 'DELETE with version=0', send: () => deleteExisting('?version=0'), paths: ['version'] },
  { name: 'DELETE with version=1.5', send: () => deleteExisting('?version=1.5'), paths: ['version'] },
];

describe('bad input corpus', () => {
  it('has at least 25 cases', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(25);
  });

  it.each(corpus.map((c) => [c.name, c] as const))('rejects %s and writes nothing', async (_name, bad) => {
    const before = await table.snapshot();
    expect(before.length).toBeGreaterThan(0);

    const response = await bad.send();
    const body = (await response.json()) as {
      error: string;
      issues?: { path: string; message: string }[];
      message?: string;
    };

    if (bad.paths) {
      expect(response.status).toBe(400);
      expect(Object.keys(body).sort()).toEqual(['error', 'issues']);
      expect(body.error).toBe('validation');
      expect(body.issues!.map((i) => i.path)).toEqual(bad.paths);
      for (const issue of body.issues!) expect(issue.message).toMatch(/\w/);
      if (bad.mentions) expect(body.issues!.map((i) => i.message).join(' ')).toContain(bad.mentions);
    } else {
      expect(response.status).toBe(bad.status);
      expect(body).toEqual({ error: bad.error, message: expect.any(String) });
    }
    // A 1 MB input must not come back in the error.
    expect(JSON.stringify(body).length).toBeLessThan(2_000);

    expect(await table.snapshot()).toEqual(before);
  });

  it('left the existing order untouched', async () => {
    const response = await getById(existing.order_id);
    expect(await response.json()).toEqual(existing);
    expect(await table.countItems()).toBe(1);
  });
});
