'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { BreakdownRow } from '@/lib/analytics/dashboard';
import type { BreakdownSpec } from './breakdown-specs';
import { DataTable } from './data-table';
import { formatCount, formatMoney } from './format';
import { breakdownOptions } from './queries';
import { useAnalyticsParams } from './use-analytics-params';
import { ViewToggle, WidgetCard, WidgetEmpty, WidgetError } from './widget-card';

const BarListChart = dynamic(() => import('./charts/bar-list-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-40 w-full" />,
});

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
                        <span className="ml-1 text-xs text-slate-500">{spec.dimension === 'product' ? r.key : ''}</span>
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
