'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { SeriesPoint } from '@/lib/analytics/dashboard';
import type { Metric } from './charts/timeseries-chart';
import { DataTable } from './data-table';
import { formatBucket, formatCount, formatMoney } from './format';
import { timeseriesOptions } from './queries';
import { useAnalyticsParams } from './use-analytics-params';
import { ViewToggle, WidgetCard, WidgetEmpty, WidgetError } from './widget-card';

// Recharts loads only in the browser, after the page shell: it stays out of the first load.
const TimeseriesChart = dynamic(() => import('./charts/timeseries-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-72 w-full" />,
});

const METRICS: { id: Metric; label: string }[] = [
  { id: 'revenue', label: 'Revenue' },
  { id: 'orders', label: 'Orders' },
  { id: 'aov', label: 'AOV' },
];

const GRAIN: Record<string, string> = { hour: 'Hourly', day: 'Daily', week: 'Weekly (Mon–Sun)', month: 'Monthly' };

export function TimeseriesWidget() {
  const [params] = useAnalyticsParams();
  const [metric, setMetric] = useState<Metric>('revenue');
  const [table, setTable] = useState(false);
  const query = useQuery({ ...timeseriesOptions(params), placeholderData: keepPreviousData });
  const data = query.data;
  const hasData = !!data?.points.some((p) => p.orders > 0);

  return (
    <WidgetCard
      title="Revenue over time"
      testId="widget-timeseries"
      definition="Revenue, orders or average order value per period, by order_date in the chosen time zone. The granularity follows the range: hourly up to 2 days, daily up to 2 months, weekly up to 6 months, then monthly. Hatched bars are partial periods (still in progress, or cut by the range)."
      stats={data?.stats}
      actions={
        <>
          <div role="radiogroup" aria-label="Metric" className="flex rounded-md bg-slate-100 p-0.5">
            {METRICS.map((m) => (
              <button
                key={m.id}
                type="button"
                role="radio"
                aria-checked={metric === m.id}
                onClick={() => setMetric(m.id)}
                className={`rounded px-2 py-0.5 text-xs font-medium ${metric === m.id ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
              >
                {m.label}
              </button>
            ))}
          </div>
          <ViewToggle table={table} onChange={setTable} />
        </>
      }
    >
      {query.isError && !data ? (
        <WidgetError error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Skeleton className="h-72 w-full" />
      ) : !hasData ? (
        <WidgetEmpty>No paid or shipped orders in this range.</WidgetEmpty>
      ) : (
        <div className={query.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}>
          <p className="mb-2 text-xs text-slate-500">
            {GRAIN[data.granularity]} · {data.tz}
            {data.points.some((p) => p.partial) && (
              <span className="ml-2 inline-flex items-center gap-1">
                <span aria-hidden className="inline-block h-2.5 w-2.5 rounded-sm border border-brand-500 bg-brand-100" /> partial period
              </span>
            )}
          </p>
          {table ? (
            <DataTable<SeriesPoint>
              caption="Revenue over time"
              rows={data.points}
              rowKey={(p) => p.key}
              columns={[
                { header: 'Period', cell: (p) => `${formatBucket(p.key, data.granularity)}${p.partial ? ' (partial)' : ''}` },
                { header: 'Orders', numeric: true, cell: (p) => formatCount(p.orders) },
                { header: 'Revenue', numeric: true, cell: (p) => formatMoney(p.revenue_cents, params.currency) },
                { header: 'AOV', numeric: true, cell: (p) => formatMoney(p.aov_cents, params.currency) },
              ]}
            />
          ) : (
            <TimeseriesChart points={data.points} metric={metric} currency={params.currency} granularity={data.granularity} />
          )}
        </div>
      )}
    </WidgetCard>
  );
}
