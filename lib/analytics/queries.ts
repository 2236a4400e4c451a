import { ITEM_FIELDS } from '@/lib/analytics/catalog';
import { catalog } from '@/lib/resources';

/**
 * Every query the dashboard runs, by name. SQL text is fixed here; everything the user chooses
 * (dates, time zone, currency) reaches Athena only as ExecutionParameters (`?`, in order), never
 * spliced into the text. All read the current-state view, except `freshness`, which asks the
 * change log itself when the last change landed (the view drops REMOVE changes, so its newest
 * row can be older than the newest delivery).
 *
 * Revenue = sum(total_cents) of current orders whose status is paid or shipped and whose
 * order_date falls in the range. Line revenue (quantity × unit price) sums to total_cents, because
 * total_cents is derived from the lines (lib/orders/money.ts), so product and category
 * breakdowns add up to the revenue KPI.
 */

const VIEW = `${catalog.database}.${catalog.currentView}`;
const REVENUE = `status IN ('paid', 'shipped')`;
/**
 * An ISO 8601 instant parameter as a UTC `timestamp`, comparable with the typed time columns
 * (Trino refuses timestamp against varchar). The cast is folded once, not done per row.
 */
const INSTANT = `CAST(from_iso8601_timestamp(?) AS timestamp)`;
/** Parameters: currency, range start (inclusive), range end (exclusive). */
const IN_RANGE = `currency = ? AND order_date >= ${INSTANT} AND order_date < ${INSTANT}`;

export type NamedQuery = { name: string; sql: string };

const named = (name: string, sql: string): NamedQuery => ({ name, sql });

export const QUERIES = {
  /** Params: current start, currency, previous start, current end. One scan for both periods. */
  kpis: named(
    'kpis',
    `SELECT CASE WHEN order_date >= ${INSTANT} THEN 'current' ELSE 'previous' END AS period,
  count_if(${REVENUE}) AS orders,
  sum(CASE WHEN ${REVENUE} THEN total_cents ELSE 0 END) AS revenue_cents,
  sum(CASE WHEN ${REVENUE} THEN units ELSE 0 END) AS units,
  sum(CASE WHEN status = 'pending' THEN total_cents ELSE 0 END) AS pending_cents,
  sum(CASE WHEN status IN ('cancelled', 'refunded') THEN total_cents ELSE 0 END) AS cancelled_refunded_cents
FROM ${VIEW}
WHERE ${IN_RANGE}
GROUP BY 1`,
  ),
  /**
   * Params: unit (hour/day/week/month), time zone, then IN_RANGE. Buckets are local wall time.
   * Orders are first summed per 15-minute UTC slot (every zone's offset is a multiple of 15
   * minutes, so a slot never straddles a local boundary); only the slots are converted to the
   * zone, which costs far less than converting every order.
   */
  timeseries: named(
    'timeseries',
    `SELECT date_format(date_trunc(?, at_timezone(with_timezone(slot, 'UTC'), ?)), '%Y-%m-%d %H') AS bucket,
  sum(orders) AS orders,
  sum(revenue_cents) AS revenue_cents
FROM (
  SELECT date_add('minute', minute(order_date) / 15 * 15, date_trunc('hour', order_date)) AS slot,
    count(*) AS orders,
    sum(total_cents) AS revenue_cents
  FROM ${VIEW}
  WHERE ${REVENUE} AND ${IN_RANGE}
  GROUP BY 1
) slots
GROUP BY 1
ORDER BY 1`,
  ),
  /**
   * Region, channel and status in one scan (GROUPING SETS). Region and channel count revenue
   * only; status shows every order's value, so both are aggregated and the caller picks.
   * Params: IN_RANGE.
   */
  dimensions: named(
    'dimensions',
    `SELECT CASE WHEN grouping(region) = 0 THEN 'region' WHEN grouping(channel) = 0 THEN 'channel' ELSE 'status' END AS dimension,
  coalesce(region, channel, status) AS key,
  count(*) AS all_orders, sum(total_cents) AS all_cents, sum(units) AS all_units,
  count_if(${REVENUE}) AS orders,
  sum(CASE WHEN ${REVENUE} THEN total_cents ELSE 0 END) AS revenue_cents,
  sum(CASE WHEN ${REVENUE} THEN units ELSE 0 END) AS units
FROM ${VIEW}
WHERE ${IN_RANGE}
GROUP BY GROUPING SETS ((region), (channel), (status))`,
  ),
  /**
   * Products (by SKU) and categories in one scan of the order lines. Line revenue is quantity ×
   * unit price; orders counts the orders with at least one such line. Orders are filtered before
   * their lines are unnested (7× faster on DuckDB than unnesting first). Athena expands an array
   * of rows into one column per field, so the alias names every field. Params: IN_RANGE.
   */
  lines: named(
    'lines',
    `SELECT CASE WHEN grouping(t.sku) = 0 THEN 'product' ELSE 'category' END AS dimension,
  coalesce(t.sku, t.category) AS key,
  CASE WHEN grouping(t.sku) = 0 THEN max(t.name) ELSE t.category END AS label,
  count(DISTINCT order_id) AS orders,
  sum(t.quantity * t.unit_price_cents) AS revenue_cents,
  sum(t.quantity) AS units
FROM (SELECT order_id, items FROM ${VIEW} WHERE ${REVENUE} AND ${IN_RANGE}) o
CROSS JOIN UNNEST(o.items) AS t(${ITEM_FIELDS})
GROUP BY GROUPING SETS ((t.sku), (t.category))`,
  ),
  top_customers: named(
    'top_customers',
    `SELECT customer_email AS key, max(customer_name) AS label, count(*) AS orders,
  sum(total_cents) AS revenue_cents, sum(units) AS units
FROM ${VIEW}
WHERE ${REVENUE} AND ${IN_RANGE}
GROUP BY customer_email
ORDER BY revenue_cents DESC, key
LIMIT 10`,
  ),
  /**
   * Params: the earliest `dt` to read. No change in an earlier partition can be newer than the
   * last answer (dt is the change's own UTC date), so after the first call this reads only the
   * newest partition(s), not the whole log.
   */
  /**
   * Params: the oldest dt to look at, once per change table. Both tables, so a deployment that has
   * delivered nothing since the upgrade still shows its last (string-typed) delivery.
   */
  freshness: named(
    'freshness',
    `SELECT max(change_time) AS as_of
FROM (
  SELECT change_time FROM ${catalog.database}.${catalog.changeTable} WHERE dt >= ?
  UNION ALL
  SELECT CAST(from_iso8601_timestamp(change_time) AS timestamp) FROM ${catalog.database}.${catalog.legacyChangeTable} WHERE dt >= ?
) changes`,
  ),
} as const;

export type QueryName = keyof typeof QUERIES;

/** The most order ids one `versions` query asks about (Athena allows 1,000 parameters). */
export const MAX_IDS_PER_QUERY = 500;

/** Current versions of some orders: one `?` per id, so ids stay parameters. */
export function versionsQuery(ids: number): NamedQuery {
  if (ids < 1 || ids > MAX_IDS_PER_QUERY) throw new RangeError(`versionsQuery takes 1..${MAX_IDS_PER_QUERY} ids`);
  return named(
    `versions_${ids}`,
    `SELECT order_id, version FROM ${VIEW} WHERE order_id IN (${Array.from({ length: ids }, () => '?').join(', ')})`,
  );
}

export const BREAKDOWNS = ['region', 'channel', 'status', 'product', 'category'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** Which combined query answers each breakdown, and how many rows it shows. */
export const BREAKDOWN_QUERY: Record<Breakdown, { query: 'dimensions' | 'lines'; limit: number }> = {
  region: { query: 'dimensions', limit: 50 },
  channel: { query: 'dimensions', limit: 50 },
  status: { query: 'dimensions', limit: 50 },
  product: { query: 'lines', limit: 10 },
  category: { query: 'lines', limit: 12 },
};
