import type { OrderStatus } from '@/lib/orders/schema';

const STYLES: Record<OrderStatus, string> = {
  pending: 'bg-amber-50 text-amber-800 ring-amber-600/20',
  paid: 'bg-sky-50 text-sky-800 ring-sky-600/20',
  shipped: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
  cancelled: 'bg-slate-100 text-slate-700 ring-slate-500/20',
  refunded: 'bg-rose-50 text-rose-800 ring-rose-600/20',
};

export function StatusBadge({ status }: { status: OrderStatus }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium capitalize ring-1 ring-inset ${STYLES[status]}`}>
      {status}
    </span>
  );
}
