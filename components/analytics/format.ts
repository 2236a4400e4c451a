import type { Currency } from '@/lib/orders/money';
import { formatMoney } from '@/lib/orders/money';

export { formatMoney };

export { formatBytes, formatCount, formatDuration } from '@/lib/format-units';

/** Axis labels only (rounded, compact); every figure a reader is told is exact. */
export function formatCompactMoney(minor: number, currency: Currency): string {
  const major = currency === 'JPY' ? minor : minor / 100;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(major);
}


export type Change = { kind: 'new' } | { kind: 'none' } | { kind: 'pct'; pct: number };

/** Change against the previous period: "New" when the prior value is 0. */
export function changeOf(current: number, previous: number): Change {
  if (previous === 0) return current === 0 ? { kind: 'none' } : { kind: 'new' };
  return { kind: 'pct', pct: ((current - previous) / previous) * 100 };
}

export function formatChange(change: Change): string {
  if (change.kind === 'new') return 'New';
  if (change.kind === 'none') return '—';
  const rounded = Math.abs(change.pct) < 10 ? change.pct.toFixed(1) : change.pct.toFixed(0);
  return `${change.pct > 0 ? '+' : ''}${rounded}%`;
}

/** A bucket's label for a granularity: "Nov 3", "Nov 3, 14:00", "Nov 2026". */
export function formatBucket(key: string, granularity: string): string {
  const [date = '', hour = '00'] = key.split(' ');
  const d = new Date(`${date}T00:00:00Z`);
  const month = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  if (granularity === 'month') return `${month} ${d.getUTCFullYear()}`;
  if (granularity === 'hour') return `${month} ${d.getUTCDate()}, ${hour}:00`;
  if (granularity === 'week') return `Wk of ${month} ${d.getUTCDate()}`;
  return `${month} ${d.getUTCDate()}`;
}
