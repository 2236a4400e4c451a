import { formatMoney } from './money';
import type { Order } from './schema';

export type FieldChange = { field: string; before: string; after: string };

/** The fields of an order people edit; a change-log row carries the same ones. */
export type OrderFields = Pick<
  Order,
  'customer' | 'status' | 'region' | 'channel' | 'currency' | 'order_date' | 'items' | 'total_cents'
>;

const describeItems = (order: OrderFields) =>
  order.items.map((i) => `${i.quantity} × ${i.name} @ ${formatMoney(i.unit_price_cents, order.currency)}`).join('; ');

const FIELDS: { label: string; read: (o: OrderFields) => string }[] = [
  { label: 'Customer name', read: (o) => o.customer.name },
  { label: 'Customer email', read: (o) => o.customer.email },
  { label: 'Status', read: (o) => o.status },
  { label: 'Region', read: (o) => o.region },
  { label: 'Channel', read: (o) => o.channel },
  { label: 'Currency', read: (o) => o.currency },
  { label: 'Order date', read: (o) => o.order_date },
  { label: 'Line items', read: describeItems },
  { label: 'Total', read: (o) => formatMoney(o.total_cents, o.currency) },
];

/** What changed between two versions of an order (someone else's save, or one change-log row to the next). */
export function diffOrders(before: OrderFields, after: OrderFields): FieldChange[] {
  return FIELDS.flatMap(({ label, read }) => {
    const [a, b] = [read(before), read(after)];
    return a === b ? [] : [{ field: label, before: a, after: b }];
  });
}

/** Every field as shown in a diff, for a version with nothing before it (the created order). */
export function describeOrder(order: OrderFields): { field: string; value: string }[] {
  return FIELDS.map(({ label, read }) => ({ field: label, value: read(order) }));
}
