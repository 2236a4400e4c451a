import type { ReactNode } from 'react';
import type { Stats } from '@/lib/analytics/dashboard';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiError } from '@/components/orders/api';
import { InfoTip } from './info-tip';
import { QueryStats } from './query-stats';

/** The frame every dashboard widget shares: title with its definition, actions, body, cost. */
export function WidgetCard({
  title,
  definition,
  actions,
  stats,
  children,
  className = '',
  testId,
}: {
  title: string;
  definition: string;
  actions?: ReactNode;
  stats?: Stats;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className={`flex flex-col rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`}
    >
      <header className="mb-3 flex items-center justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">
          <InfoTip label={title}>{definition}</InfoTip>
        </h2>
        {actions && <div className="flex items-center gap-2">{actions}</div>}
      </header>
      <div className="min-h-0 flex-1">{children}</div>
      <footer className="mt-3 flex justify-end">
        <QueryStats stats={stats} />
      </footer>
    </section>
  );
}

export function WidgetSkeleton({ title, height = 'h-64', className = '' }: { title: string; height?: string; className?: string }) {
  return (
    <section aria-label={`${title} (loading)`} aria-busy className={`rounded-xl border border-slate-200 bg-white p-4 shadow-sm ${className}`}>
      <p className="mb-3 text-sm font-semibold text-slate-900">{title}</p>
      <Skeleton className={`w-full ${height}`} />
    </section>
  );
}

export function WidgetError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const message =
    error instanceof ApiError ? error.message : 'The figures could not be loaded. Check your connection and try again.';
  return (
    <div role="alert" className="flex h-full min-h-32 flex-col items-center justify-center gap-2 rounded-lg bg-red-50 px-4 py-6 text-center text-sm text-red-900">
      <p className="font-medium">Could not load this widget</p>
      <p className="text-red-800">{message}</p>
      <button
        type="button"
        onClick={onRetry}
        className="mt-1 rounded-md border border-red-300 bg-white px-3 py-1 text-xs font-medium text-red-900 hover:bg-red-100"
      >
        Retry
      </button>
    </div>
  );
}

export function WidgetEmpty({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-full min-h-32 items-center justify-center rounded-lg border border-dashed border-slate-200 px-4 py-6 text-center text-sm text-slate-500">
      {children}
    </div>
  );
}

export function ViewToggle({ table, onChange }: { table: boolean; onChange: (table: boolean) => void }) {
  return (
    <button
      type="button"
      aria-pressed={table}
      onClick={() => onChange(!table)}
      className="rounded-md px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900"
    >
      {table ? 'View as chart' : 'View as table'}
    </button>
  );
}
