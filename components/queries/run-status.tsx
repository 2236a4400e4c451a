'use client';

import { useEffect, useState } from 'react';
import { formatBytes, formatDuration } from '@/lib/format-units';
import type { ExecutionStatus } from './api';

const STATE_STYLES: Record<string, string> = {
  QUEUED: 'bg-slate-100 text-slate-700',
  RUNNING: 'bg-sky-100 text-sky-800',
  SUCCEEDED: 'bg-emerald-100 text-emerald-800',
  FAILED: 'bg-red-100 text-red-800',
  CANCELLED: 'bg-amber-100 text-amber-900',
};

export function StateBadge({ state }: { state: string }) {
  return (
    <span data-testid="run-state" className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-semibold ${STATE_STYLES[state] ?? STATE_STYLES.QUEUED}`}>
      {(state === 'RUNNING' || state === 'QUEUED') && <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" />}
      {state}
    </span>
  );
}

/** Ticks while the query runs, so elapsed time moves between polls. */
function useLiveElapsed(startedAt: number, running: boolean, serverMs: number): number {
  const [now, setNow] = useState(startedAt);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [running]);
  return running ? Math.max(serverMs, now - startedAt) : serverMs;
}

/** State, elapsed time and bytes scanned of the current run, with Cancel while it runs. */
export function RunStatus({
  status,
  startedAt,
  onCancel,
  cancelling,
}: {
  status: ExecutionStatus | undefined;
  startedAt: number;
  onCancel: () => void;
  cancelling: boolean;
}) {
  const state = status?.state ?? 'QUEUED';
  const running = state === 'QUEUED' || state === 'RUNNING';
  const elapsed = useLiveElapsed(startedAt, running, status?.stats.elapsed_ms ?? 0);
  return (
    <div className="space-y-2">
      <div role="status" aria-live="polite" aria-label="Query progress" className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm text-slate-700">
        <StateBadge state={state} />
        <span>
          Elapsed <span data-testid="run-elapsed" className="font-medium tabular-nums text-slate-900">{formatDuration(elapsed)}</span>
        </span>
        <span>
          Scanned <span data-testid="run-bytes" className="font-medium tabular-nums text-slate-900">{formatBytes(status?.stats.bytes_scanned ?? 0)}</span>
        </span>
        {running && (
          <button
            type="button"
            onClick={onCancel}
            disabled={cancelling}
            className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 disabled:opacity-60"
          >
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {state === 'FAILED' && (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <span className="font-semibold">The query failed. </span>
          {status?.reason ?? 'Athena gave no reason.'}
        </p>
      )}
      {state === 'CANCELLED' && (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {status?.bytes_scanned_cutoff !== undefined ? (
            <>
              <span className="font-semibold">Cancelled by the workgroup: </span>
              it would scan more than its limit of {formatBytes(status.bytes_scanned_cutoff)} per query. Add a filter (a dt range on
              order_changes) to read less.
            </>
          ) : (
            <>
              <span className="font-semibold">Cancelled. </span>
              {status?.reason ?? 'The query was stopped.'}
            </>
          )}
        </p>
      )}
    </div>
  );
}
