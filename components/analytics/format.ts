import type { Currency } from '@/lib/orders/money';
import { formatMoney } from '@/lib/orders/money';

export { formatMoney };

const integer = new Intl.NumberFormat('en-US');
export const formatCount = (n: number) => integer.format(n);

/** Axis labels only (rounded, compact); every figure a reader is told is exact. */
export function formatCompactMoney(minor: number, currency: Currency): string {
  const major = currency === 'JPY' ? minor : minor / 100;
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(major);
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
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
