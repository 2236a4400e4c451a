'use client';

import { useQuery } from '@tanstack/react-query';
import { formatMoney } from '@/lib/orders/money';
import { Skeleton } from '@/components/ui/skeleton';
import type { OrderFilters } from './filters';
import { ordersSummaryOptions } from './queries';

/** "1,234 orders · $56,789.00" for everything matching the filters, not just the loaded rows. */
export function OrdersSummary({ filters }: { filters: OrderFilters }) {
  const { data, isPending, isError } = useQuery(ordersSummaryOptions(filters));
  if (isPending) return <Skeleton className="h-5 w-56" />;
  if (isError) return <p className="text-sm text-slate-500">Totals are unavailable right now.</p>;
  const value = data.totals.map((t) => formatMoney(t.total_cents, t.currency)).join(' + ') || formatMoney(0, 'USD');
  return (
    <p className="text-sm text-slate-700" data-testid="orders-summary">
      <span className="font-semibold tabular-nums text-slate-900">{data.count.toLocaleString('en-US')}</span>{' '}
      {data.count === 1 ? 'order' : 'orders'} match · <span className="font-semibold tabular-nums text-slate-900">{value}</span> in total
      {!data.complete && ' (first 50,000 orders counted)'}
    </p>
  );
}
