'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ParamValue } from '@/lib/queries/parameters';
import { formatBytes } from '@/lib/format-units';
import { checkQuery, type QueryCheck } from './api';

/** Waits until typing pauses, so the check runs once per pause, not per keystroke. */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The pre-run check: refused statements, a change-log scan without dt, the estimate and the limit. */
export function CostCheck({ sql, params, onResult }: { sql: string; params: ParamValue[]; onResult?: (check: QueryCheck | undefined) => void }) {
  const settled = useDebounced(JSON.stringify([sql, params]), 350);
  const [settledSql, settledParams] = JSON.parse(settled) as [string, ParamValue[]];
  const { data, isError } = useQuery({
    queryKey: ['queries', 'check', settled],
    queryFn: () => checkQuery(settledSql, settledParams),
    enabled: settledSql.trim() !== '',
    staleTime: 30_000,
    placeholderData: (previous) => previous,
  });
  useEffect(() => onResult?.(settledSql.trim() ? data : undefined), [data, settledSql, onResult]);

  if (!settledSql.trim()) return null;
  if (isError) return <p className="text-xs text-slate-500">The cost pre-check is unavailable right now.</p>;
  if (!data) return null;
  if (!data.allowed)
    return (
      <p role="alert" data-testid="guard-reason" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        <span className="font-semibold">This statement will not run. </span>
        {data.reason}
      </p>
    );
  const { scan, cutoff_bytes: cutoff } = data;
  if (!scan) return <p className="text-xs text-slate-500">The scan estimate is unavailable right now (the change log could not be listed).</p>;
  const overCutoff = cutoff !== null && scan.estimated_bytes > cutoff;
  return (
    <div className="space-y-2">
      {scan.warning && (
        <p role="status" data-testid="scan-warning" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <span className="font-semibold">No dt filter. </span>
          {scan.warning}
        </p>
      )}
      {overCutoff && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          About {formatBytes(scan.estimated_bytes)} is more than the workgroup&apos;s limit of {formatBytes(cutoff)} per query, so Athena will
          cancel it.
        </p>
      )}
      {(scan.reads_change_log || scan.reads_current_view) && (
        <p data-testid="scan-estimate" className="text-xs text-slate-600">
          Estimated scan: <span className="font-medium text-slate-800">{formatBytes(scan.estimated_bytes)}</span> ({scan.partitions_scanned} of{' '}
          {scan.partitions_total} day partitions
          {scan.reads_current_view ? '; orders_current reads every change by design' : ''})
          {cutoff !== null && <> · workgroup limit {formatBytes(cutoff)} per query</>}
        </p>
      )}
    </div>
  );
}
