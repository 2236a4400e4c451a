'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { formatDateTime } from '@/components/ui/format';
import { formatBytes, formatDuration } from '@/lib/format-units';
import { parseLiteral, type ParamValue } from '@/lib/queries/parameters';
import { PanelError, PanelLoading } from './panel-states';
import type { HistoryScope } from './api';
import { historyOptions } from './query-options';
import { StateBadge } from './run-status';

const SCOPES: { scope: HistoryScope; label: string }[] = [
  { scope: 'mine', label: 'Mine' },
  { scope: 'all', label: 'Everyone' },
];

/**
 * Recent executions of the workgroup (ListQueryExecutions), newest first, each re-runnable: the
 * caller's own runs unless they switch to everyone's.
 */
export function HistoryList({ onRerun, onOpen }: { onRerun: (sql: string, params: ParamValue[]) => void; onOpen: (sql: string) => void }) {
  const [scope, setScope] = useState<HistoryScope>('mine');
  const { data, isPending, isError, refetch, isFetching } = useQuery(historyOptions(scope));
  return (
    <section aria-label="History" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex items-center justify-between gap-3 border-b border-slate-100 px-3 py-2">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">History</h2>
        <div className="flex items-center gap-3">
          <div role="group" aria-label="Whose runs" className="inline-flex rounded-md border border-slate-200 p-0.5">
            {SCOPES.map((option) => (
              <button
                key={option.scope}
                type="button"
                aria-pressed={scope === option.scope}
                onClick={() => setScope(option.scope)}
                className="rounded px-2 py-0.5 text-xs font-medium text-slate-600 hover:bg-slate-100 aria-pressed:bg-brand-600 aria-pressed:text-white aria-pressed:hover:bg-brand-600"
              >
                {option.label}
              </button>
            ))}
          </div>
          <button type="button" onClick={() => refetch()} className="text-xs font-medium text-brand-700 hover:underline" disabled={isFetching}>
            {isFetching ? 'Refreshing…' : 'Refresh'}
          </button>
        </div>
      </div>
      {isPending ? (
        <PanelLoading label="Loading history">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </PanelLoading>
      ) : isError ? (
        <PanelError message="The history could not be loaded." onRetry={() => refetch()} />
      ) : data.length === 0 ? (
        <p className="p-4 text-center text-sm text-slate-600">
          {scope === 'mine' ? 'You have not run any queries yet. Everyone shows the whole team’s runs.' : 'No queries have run yet.'}
        </p>
      ) : (
        <ul className="max-h-[360px] divide-y divide-slate-100 overflow-y-auto" data-testid="history-list">
          {data.map((entry) => (
            <li key={entry.id} className="flex items-start gap-3 px-3 py-2">
              <div className="min-w-0 flex-1">
                <p className="truncate font-mono text-xs text-slate-800" title={entry.sql}>
                  {entry.sql.replace(/\s+/g, ' ')}
                </p>
                <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-slate-500">
                  <StateBadge state={entry.state} />
                  {entry.run_by !== null && <span data-testid="run-by">by {entry.run_by}</span>}
                  {entry.submitted_at && <span>{formatDateTime(entry.submitted_at)}</span>}
                  <span>{formatDuration(entry.stats.elapsed_ms)}</span>
                  <span>{formatBytes(entry.stats.bytes_scanned)}</span>
                  {entry.params.length > 0 && <span className="max-w-md truncate font-mono" title={entry.params.join(', ')}>params {entry.params.join(', ')}</span>}
                </p>
              </div>
              <div className="flex shrink-0 gap-1">
                <button type="button" onClick={() => onOpen(entry.sql)} className="rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100">
                  Open
                </button>
                <button
                  type="button"
                  onClick={() => onRerun(entry.sql, entry.params.map(parseLiteral))}
                  className="rounded px-2 py-1 text-xs font-medium text-brand-700 hover:bg-brand-50"
                >
                  Re-run
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
