import 'server-only';
import { getConfig } from '@/lib/config';
import { DATE_PARTITIONS } from '@/lib/orders/date-shards';
import { queryEachPartition } from '@/lib/orders/partition-query';
import { ORDERS_INDEX } from '@/lib/resources';
import { getFreshness, type Stats } from './dashboard';
import { MAX_IDS_PER_QUERY, versionsQuery } from './queries';
import type { AnalyticsRange } from './range';
import { addStats, runNamed, toInt } from './run-named';
import type { QueryStats } from './runner';

/**
 * "Written but not yet queryable": orders of the range whose current version in DynamoDB is not
 * the version Athena answers with (missing there, or older).
 *
 * 1. as_of is the newest change Athena sees (the last change delivered to S3).
 * 2. Candidates: one Query per by_date shard (order_date in the range, the instants the
 *    dashboard uses), filtered to items written after as_of − LOOKBACK, projecting five
 *    attributes. Stream times are whole seconds and shards deliver independently, so a plain
 *    `updated_at > as_of` would miss writes; anything older than the look-back has had minutes
 *    to arrive while later changes did.
 * 3. Their versions in Athena: one parameterised `order_id IN (?, …)` query per 500 candidates.
 *
 * Cost is bounded: DynamoDB reads the range's orders (MAX_PAGES pages of 1 MB at most, over all shards) and Athena
 * checks at most MAX_CANDIDATES ids; past either cap the answer says `complete: false`. A delete
 * not yet delivered cannot be counted from DynamoDB: the item is gone.
 */

export const LOOKBACK_MS = 120_000;
export const MAX_PAGES = 25;
export const MAX_CANDIDATES = 2_000;

export type Reconciliation = {
  as_of: string | null;
  orders: number;
  value_cents: number;
  revenue_orders: number;
  revenue_cents: number;
  /** Orders of the range written since as_of − LOOKBACK_MS, whose versions were compared. */
  checked: number;
  complete: boolean;
  stats: Stats;
};

type Candidate = { order_id: string; status: string; total_cents: number; version: number };

async function recentWrites(range: AnalyticsRange, since: string): Promise<{ items: Candidate[]; complete: boolean }> {
  // order_date < endIso, with millisecond ISO strings, is order_date <= endIso − 1 ms.
  const lastIncluded = new Date(Date.parse(range.endIso) - 1).toISOString();
  const items: Candidate[] = [];
  let pages = 0;
  const read = await queryEachPartition(
    {
      TableName: getConfig().ordersTableName,
      IndexName: ORDERS_INDEX.byDate,
      KeyConditionExpression: '#entity = :entity AND #date BETWEEN :start AND :end',
      FilterExpression: '#updated > :since AND #currency = :currency',
      ProjectionExpression: 'order_id, #status, total_cents, #version',
      ExpressionAttributeNames: {
        '#entity': 'entity',
        '#date': 'order_date',
        '#updated': 'updated_at',
        '#currency': 'currency',
        '#status': 'status',
        '#version': 'version',
      },
      ExpressionAttributeValues: { ':start': range.startIso, ':end': lastIncluded, ':since': since, ':currency': range.currency },
    },
    ':entity',
    DATE_PARTITIONS,
    (page) => {
      pages++;
      items.push(...(page as Candidate[]));
    },
    () => pages < MAX_PAGES && items.length <= MAX_CANDIDATES,
  );
  return { items: items.slice(0, MAX_CANDIDATES), complete: read.complete && items.length <= MAX_CANDIDATES };
}

export async function getReconciliation(range: AnalyticsRange): Promise<Reconciliation> {
  const freshness = await getFreshness();
  const since = freshness.as_of ? new Date(Date.parse(freshness.as_of) - LOOKBACK_MS).toISOString() : '';
  const { items, complete } = await recentWrites(range, since);
  const seen = new Map<string, number>();
  const stats: (QueryStats & { execution_ids?: string[]; execution_id?: string })[] = [freshness.stats];
  for (let i = 0; i < items.length; i += MAX_IDS_PER_QUERY) {
    const ids = items.slice(i, i + MAX_IDS_PER_QUERY).map((c) => c.order_id);
    const result = await runNamed(versionsQuery(ids.length), ids);
    stats.push(result.stats);
    for (const row of result.rows) seen.set(row.order_id ?? '', toInt(row.version));
  }
  const result = { orders: 0, value_cents: 0, revenue_orders: 0, revenue_cents: 0 };
  for (const item of items) {
    if ((seen.get(item.order_id) ?? 0) >= item.version) continue;
    result.orders++;
    result.value_cents += item.total_cents;
    if (item.status === 'paid' || item.status === 'shipped') {
      result.revenue_orders++;
      result.revenue_cents += item.total_cents;
    }
  }
  return { as_of: freshness.as_of, ...result, checked: items.length, complete, stats: addStats(stats) };
}
