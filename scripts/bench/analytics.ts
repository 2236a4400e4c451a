/**
 * The analytics dashboard on 1M change rows, server side: one load runs every widget's query
 * (KPIs with the previous period, revenue over time, five breakdowns, top customers, freshness)
 * in parallel through lib/analytics, the SDK and the local Athena API, as the page's server
 * render does. Reports the p50 of whole-dashboard loads (with and without result reuse), and the bytes one load scans against the
 * tutorial's layout (the same widgets as SQL straight on the raw change log, stored as
 * newline-delimited JSON: full scans of the same rows).
 *
 *   npx tsx --conditions=react-server scripts/bench/analytics.ts [--rows 1000000] [--iterations 20] [--dir /tmp/x]
 *
 * The change log is what Firehose writes with record format conversion (Snappy Parquet, from the
 * generator of athena-facade.ts), so bytes_per_load is DataScannedInBytes as the facade bills it.
 * The tutorial's figure comes from a second facade over the same rows as JSON.
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setAthenaClient } from '../../lib/aws/athena';
import { getBreakdown, getFreshness, getKpis, getTimeseries, getTopCustomers } from '../../lib/analytics/dashboard';
import { BREAKDOWNS, QUERIES } from '../../lib/analytics/queries';
import { toRange, type AnalyticsRange } from '../../lib/analytics/range';
import { runQuery, type QueryStats } from '../../lib/analytics/runner';
import { catalog, changeLogBucket } from '../../lib/resources';
import { startAthenaFacade, type AthenaFacade } from '../../local/athena';
import { runConformance } from '../../local/athena/conformance';
import { startGateway } from '../../local/gateway';
import { ensureChangeLog, generateJsonChangeLog } from './athena-facade';
import { runWhenMain } from './cli';
import { round, summarize, type LatencySummary } from './stats';

export const DASHBOARD_P50_TARGET_MS = 100;
/** The first dashboard after a restart, with the loaded change log kept in .data/athena/. */
export const RESTART_FIRST_LOAD_TARGET_MS = 1_500;
export const BYTES_RATIO_TARGET = 0.1;

/** One whole dashboard, every widget at once; returns each query's stats. */
async function loadDashboard(range: AnalyticsRange): Promise<QueryStats[]> {
  const results = await Promise.all([
    getKpis(range),
    getTimeseries(range),
    ...BREAKDOWNS.map((d) => getBreakdown(range, d)),
    getTopCustomers(range),
    getFreshness(),
  ]);
  // Widgets that share an execution (region/channel/status; product/category) count it once.
  const unique = new Map<string, QueryStats>();
  for (const { stats } of results) unique.set(stats.execution_ids.join(','), stats);
  return [...unique.values()];
}

/** The same widgets the tutorial's way: straight on the raw change log, every edit counted again. */
async function loadTutorialDashboard(range: AnalyticsRange): Promise<QueryStats[]> {
  const view = `${catalog.database}.${catalog.currentView}`;
  const raw = `${catalog.database}.${catalog.changeTable}`;
  const params = (name: keyof typeof QUERIES) =>
    name === 'kpis'
      ? [range.startIso, range.currency, range.previous.startIso, range.endIso]
      : name === 'timeseries'
        ? [range.granularity, range.tz, range.currency, range.startIso, range.endIso]
        : name === 'freshness'
          ? ['1970-01-01', '1970-01-01']
          : [range.currency, range.startIso, range.endIso];
  const runs = await Promise.all(
    (Object.keys(QUERIES) as (keyof typeof QUERIES)[]).map((name) =>
      runQuery(QUERIES[name].sql.replaceAll(view, raw), { params: params(name) }),
    ),
  );
  return runs.map((r) => r.stats);
}

/**
 * Columns each dashboard query reads. The current-state view ranks every change by
 * (order_id, version, sequence_number) and drops REMOVEs (event_name); engines prune every other
 * column a query does not use, through the window (Trino's PruneWindowColumns).
 */
const VIEW_COLUMNS = ['order_id', 'version', 'sequence_number', 'event_name'];
const RANGE_COLUMNS = ['currency', 'order_date', 'status'];
const COLUMNS_READ: Record<keyof typeof QUERIES, string[]> = {
  kpis: [...VIEW_COLUMNS, ...RANGE_COLUMNS, 'total_cents', 'units'],
  timeseries: [...VIEW_COLUMNS, ...RANGE_COLUMNS, 'total_cents'],
  dimensions: [...VIEW_COLUMNS, ...RANGE_COLUMNS, 'total_cents', 'units', 'region', 'channel'],
  lines: [...VIEW_COLUMNS, ...RANGE_COLUMNS, 'items'],
  top_customers: [...VIEW_COLUMNS, ...RANGE_COLUMNS, 'total_cents', 'units', 'customer_email', 'customer_name'],
  freshness: ['change_time'],
};

/**
 * A cross-check of the facade's billing, computed independently from the Parquet footers: the
 * compressed column chunks of the columns each query reads, plus each file's footer (what is not
 * column chunks); freshness reads only the newest partition.
 */
async function footerBytesPerLoad(dataDir: string, newestDt: string): Promise<{ bytes_per_load: number; file_bytes: number }> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const files = path.join(dataDir, 's3', changeLogBucket.name, changeLogBucket.tablePrefix, '*', '*.parquet');
    const read = await c.runAndReadAll(`SELECT split_part(path_in_schema, ',', 1) AS col, regexp_extract(file_name, 'dt=([0-9-]+)', 1) AS dt,
      sum(total_compressed_size) AS bytes FROM parquet_metadata('${files}') GROUP BY 1, 2`);
    const sizes = await c.runAndReadAll(`SELECT regexp_extract(filename, 'dt=([0-9-]+)', 1) AS dt, sum(size)
      FROM read_blob('${files}') GROUP BY 1`);
    const byColumn = new Map<string, number>();
    const newest = new Map<string, number>();
    let chunks = 0;
    let newestChunks = 0;
    for (const [col, dt, bytes] of read.getRows()) {
      const n = Number(bytes);
      byColumn.set(String(col), (byColumn.get(String(col)) ?? 0) + n);
      chunks += n;
      if (dt === newestDt) {
        newest.set(String(col), (newest.get(String(col)) ?? 0) + n);
        newestChunks += n;
      }
    }
    let fileBytes = 0;
    let newestFileBytes = 0;
    for (const [dt, bytes] of sizes.getRows()) {
      fileBytes += Number(bytes);
      if (dt === newestDt) newestFileBytes += Number(bytes);
    }
    let load = 0;
    for (const [name, columns] of Object.entries(COLUMNS_READ)) {
      const [source, footers] =
        name === 'freshness' ? [newest, newestFileBytes - newestChunks] : [byColumn, fileBytes - chunks];
      load += footers + columns.reduce((sum, col) => sum + (source.get(col) ?? 0), 0);
    }
    return { bytes_per_load: load, file_bytes: fileBytes };
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** A facade and SDK client over `dataDir`, set as the app's Athena client while `work` runs. */
async function withFacade<T>(
  dataDir: string,
  work: (facade: AthenaFacade, client: AthenaClient) => Promise<T>,
  options: { resultReuse?: boolean } = {},
): Promise<T> {
  const facade = await startAthenaFacade({ dataDir, ...options });
  const gateway = await startGateway([facade.route], 0);
  const client = new AthenaClient({
    endpoint: gateway.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  setAthenaClient(client);
  try {
    return await work(facade, client);
  } finally {
    setAthenaClient(undefined);
    client.destroy();
    await gateway.close();
    await facade.stop();
  }
}

/** `iterations` whole-dashboard loads after one warm-up: their latency, and the last load's stats. */
async function timedLoads(range: AnalyticsRange, iterations: number): Promise<{ latency: LatencySummary; stats: QueryStats[] }> {
  await loadDashboard(range);
  const times: number[] = [];
  let stats: QueryStats[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    stats = await loadDashboard(range);
    times.push(performance.now() - started);
  }
  return { latency: summarize(times), stats };
}

/** Milliseconds from starting a facade to its first whole dashboard (the loading included). */
async function firstLoadMs(dataDir: string, range: AnalyticsRange): Promise<number> {
  const started = performance.now();
  return withFacade(dataDir, async () => {
    await loadDashboard(range);
    return performance.now() - started;
  });
}

export type AnalyticsBench = {
  rows: number;
  range: { from: string; to: string; tz: string };
  queries_per_load: number;
  queries_reused_per_load: number;
  /** Loads while nothing changes: queries may reuse results (freshness always scans). */
  dashboard: LatencySummary;
  p50_ms: number;
  /** Loads where every query scans (result reuse off), as right after a delivery. */
  dashboard_scanning: LatencySummary;
  p50_scanning_ms: number;
  meets_p50_scanning_target: boolean;
  p50_target_ms: number;
  meets_p50_target: boolean;
  /** Start to first dashboard with no stored change log: every object read from S3. */
  first_load_cold_ms: number;
  /** The same after a restart, the loaded log kept in .data/athena/change-log.duckdb. */
  first_load_after_restart_ms: number;
  first_load_after_restart_target_ms: number;
  meets_restart_target: boolean;
  /** A query while nothing changed: what the change-log check costs (directories listed, time). */
  unchanged_refresh: { query: LatencySummary; directory_reads_per_query: number; partitions: number };
  conformance: { passed: number; total: number; failed: string[] };
  bytes_per_load: number;
  tutorial_bytes_per_load: number;
  bytes_ratio: number;
  bytes_ratio_target: number;
  meets_bytes_target: boolean;
  parquet_projection: { bytes_per_load: number; ratio: number; meets_bytes_target: boolean; change_log_parquet_bytes: number };
  note: string;
};

export async function benchmarkAnalytics(options: { rows: number; iterations: number; dataDir: string }): Promise<AnalyticsBench> {
  const { rows, iterations, dataDir } = options;
  await ensureChangeLog(dataDir, rows);
  // The tutorial's layout: the same rows as newline-delimited JSON, in a data directory of its own.
  const tutorialDir = path.join(dataDir, 'tutorial-json');
  if (!existsSync(path.join(tutorialDir, 's3', changeLogBucket.name, changeLogBucket.tablePrefix))) generateJsonChangeLog(tutorialDir, rows);
  // The generated orders span 2026-08-01..10-30: the last 30 days of them, in a non-UTC zone.
  const range = toRange({ from: '2026-10-01', to: '2026-10-30', tz: 'America/New_York', currency: 'USD' });

  // Cold: no stored change log, so the first query waits for every object to load.
  rmSync(path.join(dataDir, 'athena'), { recursive: true, force: true });
  const coldMs = await firstLoadMs(dataDir, range);
  // Restart over the stored log: only the listing is checked.
  const restartMs = await firstLoadMs(dataDir, range);

  const partitions = readdirSync(path.join(dataDir, 's3', changeLogBucket.name, changeLogBucket.tablePrefix));
  const newestDt = partitions.map((p) => p.replace(/^dt=/, '')).sort().at(-1) ?? '';
  const { reusing, unchanged } = await withFacade(dataDir, async (facade) => {
    // Warm-up: the first loads also give freshness its first (full) answer.
    await loadDashboard(range);
    const reusing = await timedLoads(range, iterations);
    // The cheapest query on the change log, while nothing arrives: its cost is mostly the check.
    const readsBefore = facade.changeLogDirectoryReads();
    const probe: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      await runQuery(`SELECT max(change_time) FROM ${catalog.database}.${catalog.changeTable} WHERE dt = ?`, { params: [newestDt] });
      probe.push(performance.now() - started);
    }
    const reads = (facade.changeLogDirectoryReads() - readsBefore) / iterations;
    return { reusing, unchanged: { query: summarize(probe), directory_reads_per_query: round(reads, 2), partitions: partitions.length } };
  });
  const scanning = await withFacade(
    dataDir,
    () => timedLoads(range, iterations),
    { resultReuse: false },
  );
  const conformance = await withFacade(dataDir, async (_facade, client) => {
    const results = await runConformance(client);
    return {
      passed: results.filter((r) => r.passed).length,
      total: results.length,
      failed: results.filter((r) => !r.passed).map((r) => r.feature),
    };
  });
  const tutorial = await withFacade(tutorialDir, () => loadTutorialDashboard(range));

  // What a load bills when it scans: reused results bill nothing, so the reuse loads would flatter it.
  const bytes = scanning.stats.reduce((s, q) => s + q.bytes_scanned, 0);
  const tutorialBytes = tutorial.reduce((s, q) => s + q.bytes_scanned, 0);
  const dashboard = reusing.latency;
  const ratio = tutorialBytes ? bytes / tutorialBytes : 0;
  const footers = await footerBytesPerLoad(dataDir, newestDt);
  return {
    rows,
    range: { from: range.from, to: range.to, tz: range.tz },
    queries_per_load: scanning.stats.length,
    queries_reused_per_load: reusing.stats.filter((q) => q.reused).length,
    dashboard,
    p50_ms: dashboard.p50,
    p50_target_ms: DASHBOARD_P50_TARGET_MS,
    meets_p50_target: dashboard.p50 <= DASHBOARD_P50_TARGET_MS,
    dashboard_scanning: scanning.latency,
    p50_scanning_ms: scanning.latency.p50,
    meets_p50_scanning_target: scanning.latency.p50 <= DASHBOARD_P50_TARGET_MS,
    first_load_cold_ms: Math.round(coldMs),
    first_load_after_restart_ms: Math.round(restartMs),
    first_load_after_restart_target_ms: RESTART_FIRST_LOAD_TARGET_MS,
    meets_restart_target: restartMs <= RESTART_FIRST_LOAD_TARGET_MS,
    unchanged_refresh: unchanged,
    conformance,
    bytes_per_load: bytes,
    tutorial_bytes_per_load: tutorialBytes,
    bytes_ratio: round(ratio, 4),
    bytes_ratio_target: BYTES_RATIO_TARGET,
    meets_bytes_target: ratio <= BYTES_RATIO_TARGET,
    parquet_projection: {
      bytes_per_load: footers.bytes_per_load,
      ratio: round(footers.bytes_per_load / tutorialBytes, 4),
      meets_bytes_target: footers.bytes_per_load / tutorialBytes <= BYTES_RATIO_TARGET,
      change_log_parquet_bytes: footers.file_bytes,
    },
    note: 'dashboard is loads while the change log is unchanged, so the chart queries may answer from an earlier identical result (Athena result reuse, which the app asks for with a 1-minute age; locally also invalidated by any delivery); freshness always scans. dashboard_scanning is the same loads with reuse off, every query executed, as right after a delivery. bytes_per_load is DataScannedInBytes of a scanning load as the facade reports it for the change log as Firehose writes it (Snappy Parquet: footers plus the column chunks each query reads; the current-state window reads its ranking columns over every change; freshness reads the newest partition). tutorial_bytes_per_load is the same widgets on the raw change log as newline-delimited JSON (the tutorial layout), billed by a facade over the same rows as JSON. parquet_projection is a cross-check of bytes_per_load computed from the Parquet footers alone.',
  };
}

runWhenMain(import.meta.url, (arg) => {
  const rows = Number(arg('rows', '1000000'));
  const dataDir = arg('dir', path.join(os.tmpdir(), `athena-bench-${rows}`));
  return benchmarkAnalytics({ rows, iterations: Number(arg('iterations', '20')), dataDir });
});
