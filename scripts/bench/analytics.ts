/**
 * The analytics dashboard on 1M change rows, server side: one load runs every widget's query
 * (KPIs with the previous period, revenue over time, five breakdowns, top customers, freshness)
 * in parallel through lib/analytics, the SDK and the local Athena API, as the page's server
 * render does. Reports the p50 of whole-dashboard loads, and the bytes one load scans against the
 * tutorial's layout (the same widgets as SQL straight on the raw JSON change log, full scans).
 *
 *   npx tsx --conditions=react-server scripts/bench/analytics.ts [--rows 1000000] [--iterations 20] [--dir /tmp/x]
 *
 * Reuses the change log generator of athena-facade.ts (same data, same directory layout).
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { setAthenaClient } from '../../lib/aws/athena';
import { getBreakdown, getFreshness, getKpis, getTimeseries, getTopCustomers } from '../../lib/analytics/dashboard';
import { BREAKDOWNS, QUERIES } from '../../lib/analytics/queries';
import { toRange, type AnalyticsRange } from '../../lib/analytics/range';
import { runQuery, type QueryStats } from '../../lib/analytics/runner';
import { catalog, changeLogBucket } from '../../lib/resources';
import { startAthenaFacade } from '../../local/athena';
import { startGateway } from '../../local/gateway';
import { generateChangeLog } from './athena-facade';
import { round, summarize, type LatencySummary } from './stats';

export const DASHBOARD_P50_TARGET_MS = 200;
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
  return results.map((r) => r.stats);
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
          ? ['1970-01-01']
          : [range.currency, range.startIso, range.endIso];
  const runs = await Promise.all(
    (Object.keys(QUERIES) as (keyof typeof QUERIES)[]).map((name) =>
      runQuery(QUERIES[name].sql.replaceAll(view, raw), { params: params(name) }),
    ),
  );
  return runs.map((r) => r.stats);
}

export type AnalyticsBench = {
  rows: number;
  range: { from: string; to: string; tz: string };
  queries_per_load: number;
  dashboard: LatencySummary;
  p50_ms: number;
  p50_target_ms: number;
  meets_p50_target: boolean;
  bytes_per_load: number;
  tutorial_bytes_per_load: number;
  bytes_ratio: number;
  bytes_ratio_target: number;
  meets_bytes_target: boolean;
  note: string;
};

export async function benchmarkAnalytics(options: { rows: number; iterations: number; dataDir: string }): Promise<AnalyticsBench> {
  const { rows, iterations, dataDir } = options;
  if (!existsSync(path.join(dataDir, 's3', changeLogBucket.name, 'order_changes'))) generateChangeLog(dataDir, rows);
  const facade = await startAthenaFacade({ dataDir });
  const gateway = await startGateway([facade.route], 0);
  const client = new AthenaClient({
    endpoint: gateway.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  setAthenaClient(client);
  // The generated orders span 2026-08-01..10-30: the last 30 days of them, in a non-UTC zone.
  const range = toRange({ from: '2026-10-01', to: '2026-10-30', tz: 'America/New_York', currency: 'USD' });
  try {
    await facade.ready;
    // Warm-up: loads the log, and gives freshness its first (full) answer.
    await loadDashboard(range);
    await loadDashboard(range);
    const times: number[] = [];
    let stats: QueryStats[] = [];
    for (let i = 0; i < iterations; i++) {
      const started = performance.now();
      stats = await loadDashboard(range);
      times.push(performance.now() - started);
    }
    const tutorial = await loadTutorialDashboard(range);
    const bytes = stats.reduce((s, q) => s + q.bytes_scanned, 0);
    const tutorialBytes = tutorial.reduce((s, q) => s + q.bytes_scanned, 0);
    const dashboard = summarize(times);
    const ratio = tutorialBytes ? bytes / tutorialBytes : 0;
    return {
      rows,
      range: { from: range.from, to: range.to, tz: range.tz },
      queries_per_load: stats.length,
      dashboard,
      p50_ms: dashboard.p50,
      p50_target_ms: DASHBOARD_P50_TARGET_MS,
      meets_p50_target: dashboard.p50 <= DASHBOARD_P50_TARGET_MS,
      bytes_per_load: bytes,
      tutorial_bytes_per_load: tutorialBytes,
      bytes_ratio: round(ratio, 4),
      bytes_ratio_target: BYTES_RATIO_TARGET,
      meets_bytes_target: ratio <= BYTES_RATIO_TARGET,
      note: 'Bytes are DataScannedInBytes as the facade reports them: JSON files read whole. Current state is a window over every change, so each widget query reads the whole log, like the tutorial; only freshness is pruned to the newest partition.',
    };
  } finally {
    setAthenaClient(undefined);
    client.destroy();
    await gateway.close();
    await facade.stop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string, fallback: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
  };
  const rows = Number(arg('rows', '1000000'));
  const dataDir = arg('dir', path.join(os.tmpdir(), `athena-bench-${rows}`));
  benchmarkAnalytics({ rows, iterations: Number(arg('iterations', '20')), dataDir }).then(
    (result) => console.log(JSON.stringify(result, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
