'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { BreakdownRow } from '@/lib/analytics/dashboard';
import type { Dimension } from './api';
import { DataTable } from './data-table';
import { formatCount, formatMoney } from './format';
import { breakdownOptions } from './queries';
import { useAnalyticsParams } from './use-analytics-params';
import { ViewToggle, WidgetCard, WidgetEmpty, WidgetError } from './widget-card';

const BarListChart = dynamic(() => import('./charts/bar-list-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-40 w-full" />,
});

export type BreakdownSpec = { dimension: Dimension; title: string; definition: string; keyHeader: string; valueHeader: string };

export const BREAKDOWN_SPECS: BreakdownSpec[] = [
  {
    dimension: 'product',
    title: 'Top products',
    keyHeader: 'Product',
    valueHeader: 'Revenue',
    definition: 'Line revenue (quantity × unit price) of orders counted in revenue, by SKU; the ten largest. Lines of an order add up to its total, so all products together equal revenue.',
  },
  {
    dimension: 'category',
    title: 'Revenue by category',
    keyHeader: 'Category',
    valueHeader: 'Revenue',
    definition: 'Line revenue of orders counted in revenue, by product category. Orders counts the orders with at least one line in the category.',
  },
  { dimension: 'region', title: 'Revenue by region', keyHeader: 'Region', valueHeader: 'Revenue', definition: 'Revenue (paid or shipped orders in the range) by the order’s region.' },
  { dimension: 'channel', title: 'Revenue by channel', keyHeader: 'Channel', valueHeader: 'Revenue', definition: 'Revenue (paid or shipped orders in the range) by sales channel.' },
  {
    dimension: 'status',
    title: 'Order value by status',
    keyHeader: 'Status',
    valueHeader: 'Value',
    definition: 'Total value of every current order in the range, by status. Only paid and shipped count as revenue; pending, cancelled and refunded are shown for context.',
  },
  {
    dimension: 'customer',
    title: 'Top customers',
    keyHeader: 'Customer',
    valueHeader: 'Revenue',
    definition: 'The ten customers (by email) with the most revenue in the range.',
  },
];

export function BreakdownWidget({ spec }: { spec: BreakdownSpec }) {
  const [params] = useAnalyticsParams();
  const [table, setTable] = useState(false);
  const query = useQuery({ ...breakdownOptions(params, spec.dimension), placeholderData: keepPreviousData });
  const data = query.data;

  return (
    <WidgetCard
      title={spec.title}
      testId={`widget-${spec.dimension}`}
      definition={spec.definition}
      stats={data?.stats}
      actions={<ViewToggle table={table} onChange={setTable} />}
    >
      {query.isError && !data ? (
        <WidgetError error={query.error} onRetry={() => void query.refetch()} />
      ) : !data ? (
        <Skeleton className="h-40 w-full" />
      ) : data.rows.length === 0 ? (
        <WidgetEmpty>No orders in this range.</WidgetEmpty>
      ) : (
        <div className={query.isPlaceholderData ? 'opacity-60 transition-opacity' : ''}>
          {table ? (
            <DataTable<BreakdownRow>
              caption={spec.title}
              rows={data.rows}
              rowKey={(r) => r.key}
              columns={[
                {
                  header: spec.keyHeader,
                  cell: (r) =>
                    spec.dimension === 'customer' || spec.dimension === 'product' ? (
                      <span className="block max-w-[14rem] truncate" title={r.key}>
                        {r.label}
                        <span className="ml-1 text-xs text-slate-400">{spec.dimension === 'product' ? r.key : ''}</span>
                      </span>
                    ) : (
                      r.label
                    ),
                },
                { header: 'Orders', numeric: true, cell: (r) => formatCount(r.orders) },
                { header: 'Units', numeric: true, cell: (r) => formatCount(r.units) },
                { header: spec.valueHeader, numeric: true, cell: (r) => formatMoney(r.revenue_cents, params.currency) },
              ]}
            />
          ) : (
            <BarListChart rows={data.rows} currency={params.currency} colorByKey={spec.dimension === 'status'} />
          )}
        </div>
      )}
    </WidgetCard>
  );
}
