import type { Currency } from '@/lib/orders/money';

/**
 * The analyst's date range. `order_date` is stored as an instant (ISO 8601, UTC), so a calendar
 * day belongs to a time zone: the range `from`..`to` (both inclusive, YYYY-MM-DD) in zone `tz` is
 * the half-open interval [local midnight of `from`, local midnight of the day after `to`), turned
 * into UTC instants. Queries compare `order_date` with those instants, so day boundaries are right
 * in every zone, daylight saving included. Plain Intl, no date library, so the client can use it.
 */

export type RangeInput = { from: string; to: string; tz: string; currency: Currency };

export type Granularity = 'hour' | 'day' | 'week' | 'month';

export type AnalyticsRange = {
  from: string;
  to: string;
  tz: string;
  currency: Currency;
  /** Inclusive start, exclusive end, as `toISOString()` strings (the format order_date is stored in). */
  startIso: string;
  endIso: string;
  /** The same number of calendar days just before `from`. */
  previous: { from: string; to: string; startIso: string; endIso: string };
  days: number;
  granularity: Granularity;
};

/** A range longer than this is refused: ten years of hourly or daily points is nobody's chart. */
export const MAX_RANGE_DAYS = 3_660;

const DAY_MS = 86_400_000;

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** `YYYY-MM-DD` that names a real calendar day. */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

/** Wall-clock fields of an instant in `tz`. */
export function zonedParts(instantMs: number, tz: string) {
  const parts: Record<string, number> = {};
  for (const p of partsFormatter(tz).formatToParts(new Date(instantMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year as number,
    month: parts.month as number,
    day: parts.day as number,
    hour: (parts.hour as number) % 24,
    minute: parts.minute as number,
    second: parts.second as number,
  };
}

/** How far `tz` is ahead of UTC at an instant, in ms. */
function offsetMs(instantMs: number, tz: string): number {
  const p = zonedParts(instantMs, tz);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instantMs / 1000) * 1000;
}

/** The UTC instant of a wall-clock time in `tz` (the later offset wins in a DST gap). */
export function zonedToUtcMs(year: number, month: number, day: number, hour: number, tz: string): number {
  const wall = Date.UTC(year, month - 1, day, hour);
  let instant = wall - offsetMs(wall, tz);
  const second = wall - offsetMs(instant, tz);
  if (second !== instant) instant = second;
  return instant;
}

export function parseDate(text: string): { year: number; month: number; day: number } {
  const [year, month, day] = text.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

/** Calendar arithmetic on YYYY-MM-DD (no zone involved). */
export function addDays(text: string, days: number): string {
  const { year, month, day } = parseDate(text);
  return new Date(Date.UTC(year, month - 1, day) + days * DAY_MS).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  const a = parseDate(from);
  const b = parseDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}

/** Local midnight of a calendar day in `tz`, as an ISO instant. */
export function startOfDayIso(date: string, tz: string): string {
  const { year, month, day } = parseDate(date);
  return new Date(zonedToUtcMs(year, month, day, 0, tz)).toISOString();
}

/** Today's calendar date in `tz`. */
export function todayIn(tz: string, now = Date.now()): string {
  const p = zonedParts(now, tz);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Hourly up to 2 days, daily up to 2 months, weekly up to ~6 months, then monthly. */
export function granularityFor(days: number): Granularity {
  if (days <= 2) return 'hour';
  if (days <= 62) return 'day';
  if (days <= 186) return 'week';
  return 'month';
}

/** A validated query → the instants and granularity every analytics query uses. */
export function toRange(query: RangeInput): AnalyticsRange {
  const { from, to, tz, currency } = query;
  const days = daysBetween(from, to) + 1;
  const prevTo = addDays(from, -1);
  const prevFrom = addDays(from, -days);
  return {
    from,
    to,
    tz,
    currency,
    startIso: startOfDayIso(from, tz),
    endIso: startOfDayIso(addDays(to, 1), tz),
    previous: {
      from: prevFrom,
      to: prevTo,
      startIso: startOfDayIso(prevFrom, tz),
      endIso: startOfDayIso(from, tz),
    },
    days,
    granularity: granularityFor(days),
  };
}

export type Bucket = {
  /** Same text the SQL produces: local wall time of the bucket's start, `YYYY-MM-DD HH`. */
  key: string;
  startMs: number;
  endMs: number;
  /** Not fully inside [range start, min(range end, now)): in progress, in the future or clipped. */
  partial: boolean;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** Every bucket of the range, so gaps show as zero and partial periods are known. */
export function bucketsOf(range: AnalyticsRange, now = Date.now()): Bucket[] {
  const { tz, granularity } = range;
  const start = Date.parse(range.startIso);
  const end = Date.parse(range.endIso);
  const covered = Math.min(end, now);
  const buckets: Bucket[] = [];
  const push = (key: string, startMs: number, endMs: number) => {
    if (buckets.at(-1)?.key === key) {
      // The repeated wall-clock hour when DST ends: SQL groups it with the first one.
      buckets.at(-1)!.endMs = endMs;
      return;
    }
    buckets.push({ key, startMs, endMs, partial: startMs < start || endMs > covered });
  };
  if (granularity === 'hour') {
    for (let t = start; t < end; t += 3_600_000) {
      const p = zonedParts(t, tz);
      push(`${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}`, t, t + 3_600_000);
    }
    return buckets.map((b) => ({ ...b, partial: b.startMs < start || b.endMs > covered }));
  }
  let day = range.from;
  if (granularity === 'week') {
    const { year, month, day: d } = parseDate(day);
    const weekday = (new Date(Date.UTC(year, month - 1, d)).getUTCDay() + 6) % 7; // Monday = 0
    day = addDays(day, -weekday);
  } else if (granularity === 'month') {
    day = `${day.slice(0, 7)}-01`;
  }
  while (Date.parse(startOfDayIso(day, tz)) < end) {
    let next: string;
    if (granularity === 'day') next = addDays(day, 1);
    else if (granularity === 'week') next = addDays(day, 7);
    else {
      const { year, month } = parseDate(day);
      next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`;
    }
    push(`${day} 00`, Date.parse(startOfDayIso(day, tz)), Date.parse(startOfDayIso(next, tz)));
    day = next;
  }
  return buckets;
}
