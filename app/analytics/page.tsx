import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BREAKDOWN_SPECS } from '@/components/analytics/breakdown-specs';
import { BreakdownWidget } from '@/components/analytics/breakdown-widget';
import { Definitions } from '@/components/analytics/definitions';
import { FreshnessBar } from '@/components/analytics/freshness-bar';
import { KpiCards } from '@/components/analytics/kpi-cards';
import { readParams } from '@/components/analytics/params';
import { breakdownOptions, freshnessOptions, kpisOptions, timeseriesOptions } from '@/components/analytics/queries';
import { RangeControls } from '@/components/analytics/range-controls';
import { TimeseriesWidget } from '@/components/analytics/timeseries-widget';
import { WidgetSkeleton } from '@/components/analytics/widget-card';
import { PageHeader } from '@/components/ui/page-header';
import { Skeleton } from '@/components/ui/skeleton';
import { Notice } from '@/components/ui/states';
import { getBreakdown, getKpis, getTimeseries, getTopCustomers } from '@/lib/analytics/dashboard';
import { toRange } from '@/lib/analytics/range';
import { getReconciliation } from '@/lib/analytics/reconcile';
import { Prefetched } from './prefetch';
import { requirePageAccess } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'Analytics' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AnalyticsPage({ searchParams }: Props) {
  await requirePageAccess('/analytics');
  const params = readParams(await searchParams);
  const range = toRange(params);

  return (
    <>
      <PageHeader
        title="Revenue analytics"
        description="What we sold, of what, where, and against the previous period: Athena over the current state of every order."
      />
      <div className="space-y-4">
        {params.invalid && (
          <Notice tone="info">Some options in the address were not valid, so the defaults are shown instead.</Notice>
        )}
        <RangeControls />
        <Suspense fallback={<Skeleton className="h-11 w-full rounded-lg" />}>
          <Prefetched load={(c) => c.prefetchQuery(freshnessOptions(params, () => getReconciliation(range)))}>
            <FreshnessBar />
          </Prefetched>
        </Suspense>
        <Suspense fallback={<KpiSkeleton />}>
          <Prefetched load={(c) => c.prefetchQuery(kpisOptions(params, () => getKpis(range)))}>
            <KpiCards />
          </Prefetched>
        </Suspense>
        <Suspense fallback={<WidgetSkeleton title="Revenue over time" height="h-72" />}>
          <Prefetched load={(c) => c.prefetchQuery(timeseriesOptions(params, () => getTimeseries(range)))}>
            <TimeseriesWidget />
          </Prefetched>
        </Suspense>
        <div className="grid gap-4 lg:grid-cols-2">
          {BREAKDOWN_SPECS.map((spec) => (
            <Suspense key={spec.dimension} fallback={<WidgetSkeleton title={spec.title} height="h-40" />}>
              <Prefetched
                load={(c) =>
                  c.prefetchQuery(
                    breakdownOptions(params, spec.dimension, (_, d) =>
                      d === 'customer' ? getTopCustomers(range) : getBreakdown(range, d),
                    ),
                  )
                }
              >
                <BreakdownWidget spec={spec} />
              </Prefetched>
            </Suspense>
          ))}
        </div>
        <Definitions />
      </div>
    </>
  );
}

function KpiSkeleton() {
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" aria-busy aria-label="Key figures (loading)">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="h-[92px] rounded-xl" />
      ))}
    </div>
  );
}
