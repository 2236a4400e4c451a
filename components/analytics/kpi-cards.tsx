'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Totals } from '@/lib/analytics/dashboard';
import type { Currency } from '@/lib/orders/money';
import { Skeleton } from '@/components/ui/skeleton';
import { changeOf, formatChange, formatCount, formatMoney } from './format';
import { InfoTip } from './info-tip';
import { QueryStats } from './query-stats';
import { kpisOptions } from './queries';
import { useAnalyticsParams } from './use-analytics-params';
import { WidgetError } from './widget-card';

type Card = {
  id: keyof Totals;
  label: string;
  definition: string;
  money: boolean;
  /** Whether a rise is good news (green) or bad news (red); undefined = neutral. */
  upIsGood?: boolean;
};

const CARDS: Card[] = [
  {
    id: 'revenue_cents',
    label: 'Revenue',
    money: true,
    upIsGood: true,
    definition: 'Sum of total_cents of current orders (latest version, deletes excluded) with status paid or shipped and order_date in the range.',
  },
  { id: 'orders', label: 'Orders', money: false, upIsGood: true, definition: 'Number of orders counted in revenue: status paid or shipped, order_date in the range.' },
  {
    id: 'aov_cents',
    label: 'Avg order value',
    money: true,
    upIsGood: true,
    definition: 'Revenue ÷ orders, in whole cents, rounded half up. 0 when there are no orders.',
  },
  { id: 'units', label: 'Units', money: false, upIsGood: true, definition: 'Sum of line quantities of the orders counted in revenue.' },
  {
    id: 'cancelled_refunded_cents',
    label: 'Cancelled / refunded',
    money: true,
    upIsGood: false,
    definition: 'Sum of total_cents of current orders with status cancelled or refunded and order_date in the range. Not part of revenue.',
  },
  {
    id: 'pending_cents',
    label: 'Pending',
    money: true,
    definition: 'Sum of total_cents of current orders still pending (not yet paid) with order_date in the range. Not part of revenue.',
  },
];

function tone(change: ReturnType<typeof changeOf>, upIsGood: boolean | undefined): string {
  if (upIsGood === undefined || change.kind === 'none') return 'bg-slate-100 text-slate-700';
  const up = change.kind === 'new' || change.pct > 0;
  if (change.kind === 'pct' && change.pct === 0) return 'bg-slate-100 text-slate-700';
  return up === upIsGood ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800';
}

function format(value: number, money: boolean, currency: Currency) {
  return money ? formatMoney(value, currency) : formatCount(value);
}

export function KpiCards() {
  const [params] = useAnalyticsParams();
  const query = useQuery({ ...kpisOptions(params), placeholderData: keepPreviousData });
  if (query.isError && !query.data) {
    return <WidgetError error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <section aria-label="Key figures" data-testid="kpis">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {CARDS.map((card) => {
          const current = query.data?.current[card.id];
          const previous = query.data?.previous[card.id];
          const change = current !== undefined && previous !== undefined ? changeOf(current, previous) : undefined;
          return (
            <div key={card.id} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid={`kpi-${card.id}`}>
              <p className="text-xs font-medium text-slate-600">
                <InfoTip label={card.label}>{card.definition}</InfoTip>
              </p>
              {current === undefined ? (
                <Skeleton className="mt-2 h-7 w-24" />
              ) : (
                <p className={`mt-1 text-xl font-semibold tabular-nums text-slate-900 ${query.isPlaceholderData ? 'opacity-60' : ''}`} data-testid="kpi-value">
                  {format(current, card.money, params.currency)}
                </p>
              )}
              {change && previous !== undefined ? (
                <p className="mt-1 flex items-center gap-1.5 text-xs text-slate-500">
                  <span className={`rounded px-1.5 py-0.5 font-medium tabular-nums ${tone(change, card.upIsGood)}`}>{formatChange(change)}</span>
                  <span className="truncate">vs {format(previous, card.money, params.currency)}</span>
                </p>
              ) : (
                <Skeleton className="mt-2 h-4 w-20" />
              )}
            </div>
          );
        })}
      </div>
      <div className="mt-1 flex justify-between gap-2">
        <p className="text-[11px] text-slate-500">Change vs the previous {params.from === params.to ? 'day' : 'period of the same length'}.</p>
        <QueryStats stats={query.data?.stats} />
      </div>
    </section>
  );
}
