import { CURRENCIES } from '@/lib/orders/money';
import { addDays, daysBetween, isCalendarDate, isTimeZone, MAX_RANGE_DAYS, todayIn, type RangeInput } from '@/lib/analytics/range';

/**
 * The dashboard's state lives in the URL (?from&to&tz&currency), so a view can be shared and the
 * server can prefetch it. Missing or invalid values fall back to the last 30 days in UTC, USD.
 */

/** The same four fields the API's range schema reads. */
export type AnalyticsParams = RangeInput;

export const TIME_ZONES = [
  'UTC',
  'America/Los_Angeles',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
] as const;

export type PresetId = '7d' | '30d' | '90d' | 'mtd' | 'last-month' | 'ytd' | '12m';

export const PRESETS: { id: PresetId; label: string }[] = [
  { id: '7d', label: 'Last 7 days' },
  { id: '30d', label: 'Last 30 days' },
  { id: '90d', label: 'Last 90 days' },
  { id: 'mtd', label: 'Month to date' },
  { id: 'last-month', label: 'Last month' },
  { id: 'ytd', label: 'Year to date' },
  { id: '12m', label: 'Last 12 months' },
];

/** The dates of a preset, ending today in `tz`. */
export function presetRange(id: PresetId, tz: string, now = Date.now()): { from: string; to: string } {
  const today = todayIn(tz, now);
  const monthStart = `${today.slice(0, 7)}-01`;
  switch (id) {
    case '7d':
      return { from: addDays(today, -6), to: today };
    case '30d':
      return { from: addDays(today, -29), to: today };
    case '90d':
      return { from: addDays(today, -89), to: today };
    case 'mtd':
      return { from: monthStart, to: today };
    case 'last-month': {
      const end = addDays(monthStart, -1);
      return { from: `${end.slice(0, 7)}-01`, to: end };
    }
    case 'ytd':
      return { from: `${today.slice(0, 4)}-01-01`, to: today };
    case '12m': {
      // This month and the eleven before it.
      const year = Number(today.slice(0, 4));
      const month = Number(today.slice(5, 7)) - 11;
      const from = month > 0 ? `${year}-${String(month).padStart(2, '0')}-01` : `${year - 1}-${String(month + 12).padStart(2, '0')}-01`;
      return { from, to: today };
    }
  }
}

/** Which preset the dates match, if any (for highlighting). */
export function matchingPreset(params: AnalyticsParams, now = Date.now()): PresetId | undefined {
  return PRESETS.find((p) => {
    const r = presetRange(p.id, params.tz, now);
    return r.from === params.from && r.to === params.to;
  })?.id;
}

type Source = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function read(source: Source, name: string): string | undefined {
  if (typeof (source as { get?: unknown }).get === 'function') return (source as { get(n: string): string | null }).get(name) ?? undefined;
  const value = (source as Record<string, string | string[] | undefined>)[name];
  return typeof value === 'string' ? value : undefined;
}

/** Params from a query string, with defaults; `invalid` says something was dropped. */
export function readParams(source: Source, now = Date.now()): AnalyticsParams & { invalid: boolean } {
  const rawTz = read(source, 'tz');
  const tz = rawTz && isTimeZone(rawTz) ? rawTz : 'UTC';
  const rawCurrency = read(source, 'currency');
  const currency = CURRENCIES.find((c) => c === rawCurrency) ?? 'USD';
  const from = read(source, 'from');
  const to = read(source, 'to');
  const datesOk =
    !!from && !!to && isCalendarDate(from) && isCalendarDate(to) && daysBetween(from, to) >= 0 && daysBetween(from, to) < MAX_RANGE_DAYS;
  const fallback = presetRange('30d', tz, now);
  const invalid =
    (rawTz !== undefined && tz !== rawTz) ||
    (rawCurrency !== undefined && currency !== rawCurrency) ||
    ((from !== undefined || to !== undefined) && !datesOk);
  return {
    from: datesOk ? from! : fallback.from,
    to: datesOk ? to! : fallback.to,
    tz,
    currency,
    invalid,
  };
}

export function toQueryString(params: AnalyticsParams): string {
  return new URLSearchParams({ from: params.from, to: params.to, tz: params.tz, currency: params.currency }).toString();
}
