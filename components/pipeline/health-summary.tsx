'use client';

import { Skeleton } from '@/components/ui/skeleton';
import { StatusPill } from './status-styles';
import { formatAgo, useNow } from './use-now';
import { usePipelineHealth } from './use-pipeline-health';

/** The overall status and how fresh the measurement is; it says so when a refresh failed. */
export function HealthSummary() {
  const { data, error, isFetching } = usePipelineHealth();
  const now = useNow();
  if (!data) return error ? null : <Skeleton className="h-6 w-48" />;
  const failing = data.stages.filter((s) => s.status === 'failing').length;
  const lagging = data.stages.filter((s) => s.status === 'lagging').length;
  const summary =
    failing + lagging === 0
      ? 'All stages healthy'
      : [failing && `${failing} failing`, lagging && `${lagging} lagging`].filter(Boolean).join(', ');
  return (
    <div className="flex flex-wrap items-center gap-3 text-sm text-slate-600" aria-live="polite">
      <StatusPill status={data.status} testId="pipeline-status" />
      <span className="font-medium text-slate-800">{summary}</span>
      <span className="text-xs" suppressHydrationWarning>
        Checked {formatAgo(data.checkedAt, now)}
        {isFetching ? ' · refreshing…' : ''}
      </span>
      {error && <span className="text-xs font-medium text-red-700">Last refresh failed: {error.message}</span>}
    </div>
  );
}
