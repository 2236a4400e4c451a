'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Skeleton } from '@/components/ui/skeleton';
import { formatCount, formatMoney } from './format';
import { InfoTip } from './info-tip';
import { QueryStats } from './query-stats';
import { freshnessOptions } from './queries';
import { useAnalyticsParams } from './use-analytics-params';

function formatAsOf(iso: string, tz: string): string {
  const text = new Intl.DateTimeFormat('en-US', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZone: tz,
  }).format(new Date(iso));
  return `${text} ${tz}`;
}

/** How fresh the figures are, and what DynamoDB holds for the range that Athena does not yet. */
export function FreshnessBar() {
  const [params] = useAnalyticsParams();
  const query = useQuery({ ...freshnessOptions(params), placeholderData: keepPreviousData });
  const data = query.data;
  return (
    <section
      aria-label="Data freshness"
      data-testid="freshness"
      className="flex flex-wrap items-center justify-between gap-x-6 gap-y-1 rounded-lg border border-slate-200 bg-white px-4 py-2.5 text-sm shadow-sm"
    >
      {query.isError && !data ? (
        <p role="alert" className="text-red-800">
          Freshness could not be checked right now.{' '}
          <button type="button" className="font-medium underline" onClick={() => void query.refetch()}>
            Retry
          </button>
        </p>
      ) : !data ? (
        <Skeleton className="h-5 w-96" />
      ) : (
        <div className="flex flex-wrap items-center gap-x-6 gap-y-1">
          <p className="text-slate-700">
            <InfoTip label={<span className="font-medium text-slate-900">Data as of</span>} term="data as of">
              The time of the last change delivered to S3 that Athena can read (the newest change_time in the change log). Everything written before it is in the figures below.
            </InfoTip>{' '}
            <span data-testid="as-of" className="tabular-nums">{data.as_of ? formatAsOf(data.as_of, params.tz) : 'no data delivered yet'}</span>
          </p>
          <p className="flex items-center gap-2 text-slate-700" data-testid="reconciliation">
            <span
              aria-hidden
              className={`inline-block h-2 w-2 rounded-full ${data.orders === 0 ? 'bg-emerald-500' : 'bg-amber-500'}`}
            />
            {data.orders === 0 ? (
              <span>Every order of this range in DynamoDB is queryable</span>
            ) : (
              <span>
                <strong className="font-semibold text-slate-900">{formatCount(data.orders)}</strong> order{data.orders === 1 ? '' : 's'} ·{' '}
                <strong className="font-semibold text-slate-900">{formatMoney(data.value_cents, params.currency)}</strong> written but not yet queryable
                {data.revenue_orders > 0 && ` (${formatMoney(data.revenue_cents, params.currency)} of it revenue)`}
              </span>
            )}
            {!data.complete && <span className="text-xs text-slate-500">(at least; check capped)</span>}
            <InfoTip label="" term="written but not yet queryable">
              Orders in DynamoDB whose current version Athena does not have yet: the by_date index gives the range’s orders written since two minutes before “as of”, and one parameterised Athena query compares their versions. Deletes in flight cannot be counted (the item is gone). Rechecked every 15 s.
            </InfoTip>
          </p>
        </div>
      )}
      <QueryStats stats={data?.stats} />
    </section>
  );
}
