import 'server-only';
import { isoFromAthena } from '@/lib/analytics/catalog';
import { runQuery } from '@/lib/analytics/runner';
import { catalog } from '@/lib/resources';

/**
 * Rows Athena can query in one `dt` partition of the change log, and their newest change_time.
 * Cached briefly and shared while in flight: health refreshes every few seconds, and on AWS every
 * query is billed (10 MB minimum), so one query per TTL serves every viewer.
 */
export type QueryableRows = { dt: string; rows: number; newestChangeTime: string | null; checkedAt: number };

const SQL = `SELECT count(*) AS row_count, max(change_time) AS newest
FROM ${catalog.database}.${catalog.changeTable}
WHERE dt = ?`;

export const QUERYABLE_TTL_MS = 15_000;

let cached: { dt: string; at: number; value: Promise<QueryableRows> } | undefined;

export function countQueryableRows(dt: string, now = Date.now()): Promise<QueryableRows> {
  if (cached && cached.dt === dt && now - cached.at < QUERYABLE_TTL_MS) return cached.value;
  const value = runQuery(SQL, { params: [dt], timeoutMs: 20_000 }).then(({ rows }) => ({
    dt,
    rows: Number(rows[0]?.[0] ?? 0),
    newestChangeTime: isoFromAthena(rows[0]?.[1] ?? null),
    checkedAt: now,
  }));
  const entry = { dt, at: now, value };
  cached = entry;
  value.catch(() => {
    if (cached === entry) cached = undefined;
  });
  return value;
}
