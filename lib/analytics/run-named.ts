import 'server-only';
import { ROUTE_QUERY_TIMEOUT_MS } from '@/lib/api/timeouts';
import { runQuery, type QueryParam, type QueryStats } from './runner';
import { QUERIES, type NamedQuery, type QueryName } from './queries';

/**
 * Runs a named query with its parameters. Identical calls in flight share one Athena execution:
 * a dashboard opened in several tabs, or the server render and the client refetch racing, cost
 * one query, not several. Only in-flight calls are shared; finished results are not cached here
 * (TanStack Query caches on the client, and Athena's result reuse does on AWS).
 */

/** Stats carry the execution id, so a load can count a shared execution once. */
export type ExecutionStats = QueryStats & { execution_id: string };
export type NamedResult = { rows: Record<string, string | null>[]; stats: ExecutionStats };

const inFlight = new Map<string, Promise<NamedResult>>();

export function inFlightCount(): number {
  return inFlight.size;
}

export function runNamed(query: QueryName | NamedQuery, params: readonly QueryParam[]): Promise<NamedResult> {
  const { name, sql } = typeof query === 'string' ? QUERIES[query] : query;
  const key = JSON.stringify([name, params.map((p) => (typeof p === 'bigint' ? `${p}n` : p))]);
  const running = inFlight.get(key);
  if (running) return running;
  const promise = execute(name, sql, params).finally(() => inFlight.delete(key));
  inFlight.set(key, promise);
  return promise;
}

/**
 * On AWS, chart queries may answer from an identical query's result of the last minute: Firehose
 * buffers 60 s there, so a fresher scan could not show newer data. Freshness and reconciliation
 * must see the latest delivery, so they always scan.
 */
const REUSE_MINUTES = 1;
const ALWAYS_FRESH = new Set(['freshness']);

async function execute(name: string, sql: string, params: readonly QueryParam[]): Promise<NamedResult> {
  const reuse = ALWAYS_FRESH.has(name) || name.startsWith('versions_') ? undefined : REUSE_MINUTES;
  const { executionId, columns, rows, stats } = await runQuery(sql, {
    params,
    timeoutMs: ROUTE_QUERY_TIMEOUT_MS,
    reuseResultsForMinutes: reuse,
  });
  return {
    rows: rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, row[i] ?? null]))),
    stats: { ...stats, execution_id: executionId },
  };
}

/** An integer column as a number; sums of cents stay far below 2^53 (see LIMITS in lib/orders). */
export function toInt(value: string | null | undefined): number {
  if (value === null || value === undefined || value === '') return 0;
  const n = Number(value);
  if (!Number.isSafeInteger(n))
    throw new Error(`Expected an integer from Athena, got ${JSON.stringify(value)}`);
  return n;
}

export function addStats(
  all: readonly (QueryStats & { execution_id?: string; execution_ids?: string[] })[],
): QueryStats & { queries: number; execution_ids: string[] } {
  return {
    queries: all.length,
    execution_ids: all.flatMap((s) => s.execution_ids ?? (s.execution_id ? [s.execution_id] : [])),
    bytes_scanned: all.reduce((sum, s) => sum + s.bytes_scanned, 0),
    ...(all.length > 0 && all.every((s) => s.reused) ? { reused: true } : {}),
    // Queries of one call run in parallel: the slowest is the wait.
    elapsed_ms: all.reduce((max, s) => Math.max(max, s.elapsed_ms), 0),
  };
}
