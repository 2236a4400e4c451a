import type { CreateOrderInput } from '@/lib/orders/schema';

type OrderInputOverrides = Partial<Omit<CreateOrderInput, 'customer'>> & {
  customer?: Partial<CreateOrderInput['customer']>;
};

/** A valid create-order input; tests override only what they are about. */
export function orderInput(overrides: OrderInputOverrides = {}): CreateOrderInput {
  const { customer, ...rest } = overrides;
  return {
    customer: { name: 'Ada Lovelace', email: 'ada@example.com', ...customer },
    region: 'EU',
    channel: 'web',
    status: 'pending',
    currency: 'USD',
    order_date: '2026-03-10T12:00:00.000Z',
    items: [
      { sku: 'LAP-13', name: 'Laptop 13"', category: 'Computers', quantity: 2, unit_price_cents: 129_900 },
      {
        sku: 'MOU-WL',
        name: 'Wireless Mouse',
        category: 'Accessories',
        quantity: 3,
        unit_price_cents: 4_999,
      },
    ],
    ...rest,
  };
}

/** The total of orderInput()'s default items: 2 × 1,299.00 + 3 × 49.99. */
export const DEFAULT_TOTAL_CENTS = 2 * 129_900 + 3 * 4_999;
