import { describe, expect, it } from 'vitest';
import { createOrderSchema } from '@/lib/orders/schema';
import { createRandom, generateDemoOrder } from '@/local/demo-orders';

const now = new Date('2026-03-15T12:00:00Z');
const generate = (seed: number, count: number) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => generateDemoOrder(random, now, 90));
};

describe('demo orders', () => {
  it('are the same for the same seed and differ for another seed', () => {
    expect(generate(42, 50)).toEqual(generate(42, 50));
    expect(generate(43, 50)).not.toEqual(generate(42, 50));
  });

  it('all pass the create-order schema unchanged', () => {
    for (const order of generate(7, 500)) {
      expect(createOrderSchema.parse(order)).toEqual(order);
    }
  });

  it('fall within the requested age and have distinct SKUs per order', () => {
    const oldest = new Date(now.getTime() - 90 * 86_400_000).toISOString();
    for (const order of generate(11, 500)) {
      expect(order.order_date! >= oldest && order.order_date! <= now.toISOString()).toBe(true);
      const skus = order.items.map((i) => i.sku);
      expect(new Set(skus).size).toBe(skus.length);
    }
  });
});
