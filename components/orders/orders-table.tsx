'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { formatMoney, unitCount } from '@/lib/orders/money';
import type { Order } from '@/lib/orders/schema';
import { buttonClass } from '@/components/ui/button-styles';
import { formatDateTime, shortId } from '@/components/ui/format';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { hasActiveFilters, type OrderFilters } from './filters';
import { ordersListOptions } from './queries';
import { StatusBadge } from './status-badge';
import { TableSkeleton } from './table-skeleton';

const th = 'px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600';
const td = 'px-3 py-2.5 text-sm';

export function OrdersTable({ filters }: { filters: OrderFilters }) {
  const router = useRouter();
  const query = useInfiniteQuery(ordersListOptions(filters));

  if (query.isPending) return <TableSkeleton />;
  if (query.isError) {
    return (
      <ErrorState
        title="Could not load orders"
        message={query.error.message}
        action={
          <button type="button" className={buttonClass('secondary')} onClick={() => query.refetch()}>
            Try again
          </button>
        }
      />
    );
  }

  const orders = query.data.pages.flatMap((page) => page.items);
  if (orders.length === 0) {
    return hasActiveFilters(filters) ? (
      <EmptyState title="No orders match these filters">Try a wider date range, another status, or clear the search.</EmptyState>
    ) : (
      <EmptyState
        title="No orders yet"
        action={
          <Link href="/orders/new" className={buttonClass('primary')}>
            Create the first order
          </Link>
        }
      >
        Orders that sales staff enter appear here, newest first.
      </EmptyState>
    );
  }

  return (
    <div className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="relative overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200" aria-busy={query.isFetching}>
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>Order</th>
              <th className={th}>Order date</th>
              <th className={th}>Customer</th>
              <th className={th}>Region</th>
              <th className={th}>Channel</th>
              <th className={th}>Status</th>
              <th className={`${th} text-right`}>Units</th>
              <th className={`${th} text-right`}>Total</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {orders.map((order) => (
              <OrderRow key={order.order_id} order={order} onOpen={() => router.push(`/orders/${order.order_id}`)} />
            ))}
          </tbody>
          <tfoot className="bg-slate-50">
            <tr>
              <td colSpan={6} className={`${td} text-slate-600`}>
                Showing {orders.length.toLocaleString('en-US')} {orders.length === 1 ? 'order' : 'orders'}
                {query.hasNextPage ? ' so far' : ''}
              </td>
              <td className={`${td} text-right font-medium tabular-nums`}>{orders.reduce((n, o) => n + unitCount(o.items), 0)}</td>
              <td className={`${td} text-right font-semibold tabular-nums`} data-testid="loaded-total">
                {loadedTotal(orders)}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      {query.hasNextPage && (
        <div className="border-t border-slate-200 p-3 text-center">
          <button
            type="button"
            className={buttonClass('secondary')}
            disabled={query.isFetchingNextPage}
            onClick={() => query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? 'Loading…' : 'Load more'}
          </button>
        </div>
      )}
    </div>
  );
}

function OrderRow({ order, onOpen }: { order: Order; onOpen: () => void }) {
  return (
    <tr className="cursor-pointer hover:bg-slate-50" onClick={onOpen}>
      <td className={`${td} font-mono text-xs`}>
        <Link href={`/orders/${order.order_id}`} className="text-brand-700 hover:underline" title={order.order_id} onClick={(e) => e.stopPropagation()}>
          {shortId(order.order_id)}
        </Link>
      </td>
      <td className={`${td} whitespace-nowrap text-slate-700`}>{formatDateTime(order.order_date)}</td>
      <td className={td}>
        <div className="font-medium text-slate-900">{order.customer.name}</div>
        <div className="text-xs text-slate-500">{order.customer.email}</div>
      </td>
      <td className={`${td} text-slate-700`}>{order.region}</td>
      <td className={`${td} capitalize text-slate-700`}>{order.channel}</td>
      <td className={td}>
        <StatusBadge status={order.status} />
      </td>
      <td className={`${td} text-right tabular-nums text-slate-700`}>{unitCount(order.items)}</td>
      <td className={`${td} text-right font-medium tabular-nums text-slate-900`}>{formatMoney(order.total_cents, order.currency)}</td>
    </tr>
  );
}

/** Sum of the loaded rows, per currency, so mixed currencies are never added together. */
function loadedTotal(orders: Order[]): string {
  const byCurrency = new Map<Order['currency'], number>();
  for (const o of orders) byCurrency.set(o.currency, (byCurrency.get(o.currency) ?? 0) + o.total_cents);
  return [...byCurrency].map(([currency, cents]) => formatMoney(cents, currency)).join(' + ');
}
