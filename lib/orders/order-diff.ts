import { formatMoney } from '@/lib/orders/money';
import type { Order } from '@/lib/orders/schema';

export type FieldChange = { field: string; before: string; after: string };

const describeItems = (order: Order) =>
  order.items.map((i) => `${i.quantity} × ${i.name} @ ${formatMoney(i.unit_price_cents, order.currency)}`).join('; ');

const FIELDS: { label: string; read: (o: Order) => string }[] = [
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

/** What someone else changed between the version you opened and the one stored now. */
export function diffOrders(before: Order, after: Order): FieldChange[] {
  return FIELDS.flatMap(({ label, read }) => {
    const [a, b] = [read(before), read(after)];
    return a === b ? [] : [{ field: label, before: a, after: b }];
  });
}
