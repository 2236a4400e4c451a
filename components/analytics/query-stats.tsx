import type { Stats } from '@/lib/analytics/dashboard';
import { formatBytes, formatDuration } from './format';

/** Discreet cost line: how long Athena took and how much it read (nothing, for a reused result). */
export function QueryStats({ stats }: { stats: Stats | undefined }) {
  if (!stats) return null;
  return (
    <p className="text-[11px] tabular-nums text-slate-500" data-testid="query-stats">
      {formatDuration(stats.elapsed_ms)} ·{' '}
      {stats.reused ? 'reused a result under a minute old' : `${formatBytes(stats.bytes_scanned)} scanned`}
      {stats.queries > 1 ? ` · ${stats.queries} queries` : ''}
    </p>
  );
}
