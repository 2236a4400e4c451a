import { describe, expect, it } from 'vitest';
import { createRandom } from '@/local/demo-orders';
import { orderTotalCents } from '@/lib/orders/money';
import { createOrderSchema, type Order } from '@/lib/orders/schema';
import { editOf, parseMix, pickOperation } from '@/scripts/lib/traffic';

const order: Order = {
  order_id: '01JD0000000000000000000001',
  customer: { name: 'Ada', email: 'ada@example.com' },
  region: 'EU',
  channel: 'web',
  status: 'pending',
  currency: 'USD',
  order_date: '2026-03-10T12:00:00.000Z',
  items: [
    { sku: 'A', name: 'A', category: 'C', quantity: 2, unit_price_cents: 100 },
    { sku: 'B', name: 'B', category: 'C', quantity: 1, unit_price_cents: 250 },
  ],
  total_cents: 450,
  version: 4,
  created_at: '2026-03-10T12:00:00.000Z',
  updated_at: '2026-03-10T12:00:00.000Z',
};

describe('traffic generator', () => {
  it('parses an insert:edit:delete mix and rejects nonsense', () => {
    expect(parseMix('60:30:10')).toEqual({ insert: 60, edit: 30, remove: 10 });
    for (const bad of ['60:40', 'a:b:c', '0:0:0', '-1:2:3']) expect(() => parseMix(bad)).toThrow(/--mix/);
  });

  it('picks operations by weight, and only inserts while nothing exists to edit', () => {
    const mix = { insert: 1, edit: 1, remove: 2 };
    expect(pickOperation(mix, 0.1, true)).toBe('insert');
    expect(pickOperation(mix, 0.4, true)).toBe('edit');
    expect(pickOperation(mix, 0.9, true)).toBe('remove');
    expect(pickOperation(mix, 0.9, false)).toBe('insert');
  });

  it('makes edits that stay valid orders and keep the version to check against', () => {
    const random = createRandom(7);
    for (let i = 0; i < 50; i++) {
      const edit = editOf(order, random);
      expect(edit.version).toBe(4);
      const { version: _v, ...input } = edit;
      expect(createOrderSchema.safeParse(input).success).toBe(true);
      expect(orderTotalCents(edit.items)).toBeGreaterThan(0);
    }
  });
});
