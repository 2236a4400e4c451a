import { describe, expect, it } from 'vitest';
import { zodIssues } from '@/lib/api/responses';
import { createOrderSchema, listOrdersQuerySchema, updateOrderSchema } from '@/lib/orders/schema';
import { orderInput } from '../support/orders';

const { status: _status, currency: _currency, order_date: _date, ...required } = orderInput();

function issuePaths(result: { success: boolean; error?: Parameters<typeof zodIssues>[0] }) {
  expect(result.success).toBe(false);
  return zodIssues(result.error!).map((i) => i.path);
}

describe('createOrderSchema', () => {
  it('defaults status to pending and currency to USD, and leaves order_date to the service', () => {
    const parsed = createOrderSchema.parse(required);
    expect(parsed.status).toBe('pending');
    expect(parsed.currency).toBe('USD');
    expect(parsed.order_date).toBeUndefined();
  });

  it('trims text fields', () => {
    const parsed = createOrderSchema.parse({
      ...required,
      customer: { name: '  Ada  ', email: ' ada@example.com ' },
      items: [{ sku: ' SKU-1 ', name: ' Pen ', category: ' Office ', quantity: 1, unit_price_cents: 100 }],
    });
    expect(parsed.customer).toEqual({ name: 'Ada', email: 'ada@example.com' });
    expect(parsed.items[0]).toMatchObject({ sku: 'SKU-1', name: 'Pen', category: 'Office' });
  });

  it('normalises order_date with an offset to UTC', () => {
    const parsed = createOrderSchema.parse({ ...required, order_date: '2026-11-20T12:00:00+02:00' });
    expect(parsed.order_date).toBe('2026-11-20T10:00:00.000Z');
  });

  it.each(['2026-02-30T10:00:00Z', '2026-13-01T10:00:00Z', '2026-11-20', '2026-11-20T10:00:00', 'yesterday'])(
    'rejects order_date %j',
    (order_date) => {
      expect(issuePaths(createOrderSchema.safeParse({ ...required, order_date }))).toEqual(['order_date']);
    },
  );

  it('rejects unknown keys at the top level and inside line items', () => {
    const result = createOrderSchema.safeParse({
      ...required,
      discount: 5,
      items: [{ ...required.items[0], colour: 'red' }],
    });
    const issues = zodIssues(result.error!);
    expect(issues).toEqual([
      { path: 'items.0.colour', message: 'Unknown field "colour"' },
      { path: 'discount', message: 'Unknown field "discount"' },
    ]);
  });

  it('rejects whitespace-only names and an invalid email with field paths', () => {
    const result = createOrderSchema.safeParse({
      ...required,
      customer: { name: '   ', email: 'not-an-email' },
    });
    expect(issuePaths(result)).toEqual(['customer.name', 'customer.email']);
  });

  it('rejects zero items and more than 100', () => {
    expect(issuePaths(createOrderSchema.safeParse({ ...required, items: [] }))).toEqual(['items']);
    const tooMany = Array.from({ length: 101 }, () => required.items[0]);
    expect(issuePaths(createOrderSchema.safeParse({ ...required, items: tooMany }))).toEqual(['items']);
  });
});

describe('updateOrderSchema', () => {
  it('requires version and order_date', () => {
    const { order_date: _d, ...withoutDate } = orderInput();
    expect(issuePaths(updateOrderSchema.safeParse(withoutDate))).toEqual(['order_date', 'version']);
  });

  it('accepts a full order with a version', () => {
    expect(updateOrderSchema.parse({ ...orderInput(), version: 3 }).version).toBe(3);
  });

  it.each([0, 1.5, '2'])('rejects version %j', (version) => {
    expect(issuePaths(updateOrderSchema.safeParse({ ...orderInput(), version }))).toEqual(['version']);
  });
});

describe('listOrdersQuerySchema', () => {
  it('defaults to newest first, 25 per page', () => {
    expect(listOrdersQuerySchema.parse({})).toEqual({ sort: 'desc', limit: 25 });
  });

  it('coerces limit from the query string and trims q', () => {
    expect(listOrdersQuerySchema.parse({ limit: '10', q: '  ada ' })).toMatchObject({ limit: 10, q: 'ada' });
  });

  it('accepts from equal to to', () => {
    expect(listOrdersQuerySchema.safeParse({ from: '2026-03-01', to: '2026-03-01' }).success).toBe(true);
  });

  it.each([
    [{ from: '2026-02-30' }, ['from']],
    [{ to: '2026-3-1' }, ['to']],
    [{ to: 'March' }, ['to']],
    [{ from: '2026-03-02', to: '2026-03-01' }, ['from']],
    [{ status: 'lost' }, ['status']],
    [{ sort: 'up' }, ['sort']],
    [{ limit: '0' }, ['limit']],
    [{ limit: '201' }, ['limit']],
    [{ limit: 'ten' }, ['limit']],
  ])('rejects %j at %j', (query, paths) => {
    expect(issuePaths(listOrdersQuerySchema.safeParse(query))).toEqual(paths);
  });

  it('rejects a cursor longer than 2048 characters', () => {
    expect(issuePaths(listOrdersQuerySchema.safeParse({ cursor: 'x'.repeat(2049) }))).toEqual(['cursor']);
  });
});
