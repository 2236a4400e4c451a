import 'server-only';
import { isoFromAthena } from './catalog';
import type { QueryStats } from './runner';
import { BREAKDOWN_QUERY, type Breakdown } from './queries';
import { bucketsOf, type AnalyticsRange, type Granularity } from './range';
import { addStats, runNamed, toInt } from './run-named';

/**
 * The dashboard's figures, one function per widget. Each runs named, parameterised queries on
 * the current-state view and reports what they cost (time, bytes scanned).
 */

export type Stats = QueryStats & { queries: number; execution_ids: string[] };

export type Totals = {
  revenue_cents: number;
  orders: number;
  aov_cents: number;
  units: number;
  pending_cents: number;
  cancelled_refunded_cents: number;
};

/**
 * Average order value in whole cents, rounded half up: floor((2·revenue + orders) / (2·orders)).
 * BigInt keeps it exact whatever the size; 0 when there are no orders.
 */
export function averageCents(revenueCents: number, orders: number): number {
  if (orders <= 0) return 0;
  const r = BigInt(revenueCents);
  const n = BigInt(orders);
  return Number((2n * r + n) / (2n * n));
}

const EMPTY: Totals = { revenue_cents: 0, orders: 0, aov_cents: 0, units: 0, pending_cents: 0, cancelled_refunded_cents: 0 };

function toTotals(row: Record<string, string | null> | undefined): Totals {
  if (!row) return { ...EMPTY };
  const revenue = toInt(row.revenue_cents);
  const orders = toInt(row.orders);
  return {
    revenue_cents: revenue,
    orders,
    aov_cents: averageCents(revenue, orders),
    units: toInt(row.units),
    pending_cents: toInt(row.pending_cents),
    cancelled_refunded_cents: toInt(row.cancelled_refunded_cents),
  };
}

const rangeParams = (range: AnalyticsRange) => [range.currency, range.startIso, range.endIso] as const;

export type Kpis = { current: Totals; previous: Totals; stats: Stats };

export async function getKpis(range: AnalyticsRange): Promise<Kpis> {
  const { rows, stats } = await runNamed('kpis', [
    range.startIso,
    range.currency,
    range.previous.startIso,
    range.endIso,
  ]);
  return {
    current: toTotals(rows.find((r) => r.period === 'current')),
    previous: toTotals(rows.find((r) => r.period === 'previous')),
    stats: addStats([stats]),
  };
}

/** The newest change_time Athena can see; each answer narrows the next call to newer partitions. */
let newestSeen: string | undefined;

export type Freshness = { as_of: string | null; stats: Stats };

export async function getFreshness(): Promise<Freshness> {
  const since = newestSeen ? newestSeen.slice(0, 10) : '1970-01-01';
  const { rows, stats } = await runNamed('freshness', [since, since]);
  const asOf = isoFromAthena(rows[0]?.as_of || null);
  if (asOf && (!newestSeen || asOf > newestSeen)) newestSeen = asOf;
  return { as_of: asOf ?? newestSeen ?? null, stats: addStats([stats]) };
}

/** The contract of GET /api/analytics/summary. */
export type Summary = Totals & { as_of: string | null };

export async function getSummary(range: AnalyticsRange): Promise<Summary> {
  const [kpis, freshness] = await Promise.all([getKpis(range), getFreshness()]);
  return { ...kpis.current, as_of: freshness.as_of };
}

export type SeriesPoint = {
  key: string;
  start: string;
  end: string;
  partial: boolean;
  revenue_cents: number;
  orders: number;
  aov_cents: number;
};

export type Timeseries = { granularity: Granularity; tz: string; points: SeriesPoint[]; stats: Stats };

export async function getTimeseries(range: AnalyticsRange, now = Date.now()): Promise<Timeseries> {
  const { rows, stats } = await runNamed('timeseries', [range.granularity, range.tz, ...rangeParams(range)]);
  const byKey = new Map(rows.map((r) => [r.bucket ?? '', r]));
  const points = bucketsOf(range, now).map((b) => {
    const row = byKey.get(b.key);
    const revenue = toInt(row?.revenue_cents);
    const orders = toInt(row?.orders);
    return {
      key: b.key,
      start: new Date(b.startMs).toISOString(),
      end: new Date(b.endMs).toISOString(),
      partial: b.partial,
      revenue_cents: revenue,
      orders,
      aov_cents: averageCents(revenue, orders),
    };
  });
  return { granularity: range.granularity, tz: range.tz, points, stats: addStats([stats]) };
}

export type BreakdownRow = { key: string; label: string; orders: number; revenue_cents: number; units: number };
export type BreakdownResult = { dimension: Breakdown | 'customer'; rows: BreakdownRow[]; stats: Stats };

function toRows(rows: Record<string, string | null>[]): BreakdownRow[] {
  return rows.map((r) => ({
    key: r.key ?? '',
    label: r.label ?? r.key ?? '',
    orders: toInt(r.orders),
    revenue_cents: toInt(r.revenue_cents),
    units: toInt(r.units),
  }));
}

/** Revenue first, then key in binary order, the same order SQL's ORDER BY gives. */
function byRevenue(a: BreakdownRow, b: BreakdownRow): number {
  return b.revenue_cents - a.revenue_cents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/**
 * One breakdown, cut from a combined query (region/channel/status share one scan, products and
 * categories another): widgets asking at the same time share the execution (see run-named).
 */
export async function getBreakdown(range: AnalyticsRange, dimension: Breakdown): Promise<BreakdownResult> {
  const { query, limit } = BREAKDOWN_QUERY[dimension];
  const { rows, stats } = await runNamed(query, rangeParams(range));
  let result: Record<string, string | null>[] = rows.filter((r) => r.dimension === dimension);
  if (dimension === 'status') {
    // Every status, with its orders' whole value (not only revenue).
    result = result.map((r) => ({ ...r, label: r.key ?? null, orders: r.all_orders ?? null, revenue_cents: r.all_cents ?? null, units: r.all_units ?? null }));
  } else if (query === 'dimensions') {
    result = result.filter((r) => toInt(r.orders) > 0).map((r) => ({ ...r, label: r.key ?? null }));
  }
  return { dimension, rows: toRows(result).sort(byRevenue).slice(0, limit), stats: addStats([stats]) };
}

export async function getTopCustomers(range: AnalyticsRange): Promise<BreakdownResult> {
  const { rows, stats } = await runNamed('top_customers', rangeParams(range));
  return { dimension: 'customer', rows: toRows(rows), stats: addStats([stats]) };
}
