/**
 * The local Athena facade over a large change log: dashboard-type GROUP BYs on orders_current,
 * cold (first query after start, which loads the log) and warm, as a client sees them through the
 * SDK (start, poll, read results), plus bytes scanned with and without partition pruning.
 *
 *   npx tsx scripts/bench/athena-facade.ts [--rows 1000000] [--iterations 30] [--dir /tmp/x]
 *
 * Rows are generated straight into S3 layout (not through the pipeline) as Firehose writes them
 * with record format conversion: Snappy Parquet, `.parquet` objects. A --dir that already holds
 * a Parquet change log is reused; one from before the conversion (JSON) is regenerated.
 */
import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChangeRow } from '../../lib/cdc/change-row';
import { changeLogBucket } from '../../lib/resources';
import { startAthenaFacade } from '../../local/athena';
import { startGateway } from '../../local/gateway';
import { copyChangeRowsToParquetSql, createParquetEncoder } from '../../local/parquet-writer';
import { runWhenMain } from './cli';
import { round, summarize, type LatencySummary } from './stats';

export const ATHENA_P50_TARGET_MS = 200;

const DASHBOARD_QUERIES: Record<string, string> = {
  revenue_by_region: `SELECT region, count(*) AS orders, sum(total_cents) AS revenue_cents
    FROM orders_current GROUP BY region ORDER BY region`,
  revenue_by_month_status: `SELECT date_format(order_date, '%Y-%m') AS month, status, count(*) AS orders, sum(total_cents) AS revenue_cents
    FROM orders_current GROUP BY 1, 2 ORDER BY 1, 2`,
  paid_by_channel: `SELECT channel, avg(total_cents) AS avg_cents, sum(units) AS units
    FROM orders_current WHERE status IN ('paid', 'shipped') GROUP BY channel ORDER BY channel`,
  daily_revenue: `SELECT date_trunc('day', order_date) AS day, sum(total_cents) AS revenue_cents
    FROM orders_current GROUP BY 1 ORDER BY 1`,
};

const REGIONS = ['NA', 'EU', 'APAC', 'LATAM'];
const CHANNELS = ['web', 'phone', 'store', 'partner'];
const STATUSES = ['pending', 'paid', 'shipped', 'cancelled', 'refunded'];

function tableDir(dataDir: string) {
  return path.join(dataDir, 's3', changeLogBucket.name, changeLogBucket.tablePrefix);
}

/**
 * Writes `rows` change rows (about 3 per order, over 90 days) as Firehose-sized newline-delimited
 * JSON files: the layout before record format conversion (the tutorial's). Deterministic, so two
 * calls write the same rows.
 */
export function generateJsonChangeLog(dataDir: string, rows: number, rowsPerFile = 5_000): void {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const buffers = new Map<string, string[]>();
  let files = 0;
  let sequence = 0;
  const flush = (dt: string) => {
    const lines = buffers.get(dt) ?? [];
    if (lines.length === 0) return;
    const dir = path.join(tableDir(dataDir), `dt=${dt}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, `order-changes-to-s3-1-${dt}-${String(files++).padStart(6, '0')}`),
      `${lines.join('\n')}\n`,
    );
    buffers.set(dt, []);
  };
  const start = Date.UTC(2026, 7, 1);
  let written = 0;
  for (let order = 0; written < rows; order++) {
    const orderId = `ord-${String(order).padStart(8, '0')}`;
    const created = start + Math.floor(random() * 90 * 86_400_000);
    const changes = 1 + Math.floor(random() * 5);
    const items = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
      sku: `SKU-${i}`,
      name: `Product ${i}`,
      category: `Category ${i}`,
      quantity: 1 + Math.floor(random() * 3),
      unit_price_cents: 999 + Math.floor(random() * 100_000),
    }));
    for (let version = 1; version <= changes && written < rows; version++) {
      const changeTime = new Date(created + version * 3_600_000).toISOString();
      const eventName =
        version === 1 ? 'INSERT' : version === changes && random() < 0.1 ? 'REMOVE' : 'MODIFY';
      const row: ChangeRow = {
        event_id: `ev-${order}-${version}`,
        event_name: eventName,
        sequence_number: String(++sequence).padStart(40, '0'),
        change_time: changeTime,
        order_id: orderId,
        version,
        is_deleted: eventName === 'REMOVE',
        customer_name: `Customer ${order}`,
        customer_email: `customer${order}@example.com`,
        region: REGIONS[order % 4] as string,
        channel: CHANNELS[(order >> 2) % 4] as string,
        status: STATUSES[Math.floor(random() * 5)] as string,
        currency: 'USD',
        order_date: new Date(created).toISOString(),
        items,
        item_count: items.length,
        units: items.reduce((sum, i) => sum + i.quantity, 0),
        total_cents: items.reduce((sum, i) => sum + i.quantity * i.unit_price_cents, 0),
        created_at: new Date(created).toISOString(),
        updated_at: changeTime,
        updated_by: 'service:bench',
      };
      const dt = changeTime.slice(0, 10);
      const lines = buffers.get(dt) ?? [];
      lines.push(JSON.stringify(row));
      buffers.set(dt, lines);
      written++;
      if (lines.length >= rowsPerFile) flush(dt);
    }
  }
  for (const dt of buffers.keys()) flush(dt);
}

const hasParquet = (dataDir: string) =>
  existsSync(tableDir(dataDir)) &&
  readdirSync(tableDir(dataDir)).some((p) =>
    readdirSync(path.join(tableDir(dataDir), p)).some((f) => f.endsWith('.parquet')),
  );

/**
 * The change log as Firehose writes it with record format conversion: the rows of
 * generateJsonChangeLog, each object converted to Snappy Parquet with the Glue schema. Reuses a
 * Parquet log already in `dataDir`; replaces one from before the conversion.
 */
export async function ensureChangeLog(dataDir: string, rows: number): Promise<void> {
  if (hasParquet(dataDir)) return;
  rmSync(tableDir(dataDir), { recursive: true, force: true });
  generateJsonChangeLog(dataDir, rows);
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    for (const partition of readdirSync(tableDir(dataDir))) {
      const dir = path.join(tableDir(dataDir), partition);
      for (const name of readdirSync(dir)) {
        const json = path.join(dir, name);
        const staged = path.join(dir, `.${name}.tmp`);
        await c.run(copyChangeRowsToParquetSql(json, staged));
        rmSync(json);
        // Renamed into place, as the worker's objects are.
        renameSync(staged, path.join(dir, `${name}${changeLogBucket.dataFileExtension}`));
      }
    }
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

function changeLogBytes(dataDir: string): { total: number; byDt: Map<string, number> } {
  const byDt = new Map<string, number>();
  let total = 0;
  for (const partition of readdirSync(tableDir(dataDir))) {
    for (const file of readdirSync(path.join(tableDir(dataDir), partition))) {
      const size = statSync(path.join(tableDir(dataDir), partition, file)).size;
      total += size;
      byDt.set(partition.slice(3), (byDt.get(partition.slice(3)) ?? 0) + size);
    }
  }
  return { total, byDt };
}

/** Start → SUCCEEDED → first results page, polling every `pollMs` like a dashboard would. */
async function timedQuery(
  client: AthenaClient,
  sql: string,
  pollMs = 5,
): Promise<{ ms: number; execution: QueryExecution; rows: number }> {
  const started = performance.now();
  const { QueryExecutionId } = await client.send(
    new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: 'sales_cdc' } }),
  );
  let execution: QueryExecution | undefined;
  for (;;) {
    execution = (await client.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution;
    const state = execution?.Status?.State;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED')
      throw new Error(`${state}: ${execution?.Status?.StateChangeReason}`);
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  const results = await client.send(new GetQueryResultsCommand({ QueryExecutionId }));
  return {
    ms: performance.now() - started,
    execution: execution as QueryExecution,
    rows: (results.ResultSet?.Rows?.length ?? 1) - 1,
  };
}

export type AthenaFacadeBench = {
  rows: number;
  files: number;
  change_log_mb: number;
  ready_ms: number;
  cold_first_query_ms: number;
  warm: Record<string, { client: LatencySummary; engine: LatencySummary }>;
  warm_p50_ms: number;
  meets_target: boolean;
  after_new_file_ms: number;
  /**
   * `of_unpartitioned`: share of the tutorial's layout, the same rows as raw newline-delimited
   * JSON (what a full scan would bill); `of_parquet_log`: share of the Parquet log itself.
   */
  bytes_scanned: Record<string, { bytes: number; of_unpartitioned: number; of_parquet_log: number }>;
  tutorial_json_mb: number;
};

/** The same rows as the tutorial stores them (raw NDJSON): the baseline bytes are compared with. */
function tutorialJsonBytes(dataDir: string, rows: number): number {
  const dir = path.join(dataDir, 'tutorial-json');
  if (!existsSync(tableDir(dir))) generateJsonChangeLog(dir, rows);
  return changeLogBytes(dir).total;
}

export async function benchmarkAthenaFacade(options: {
  rows: number;
  iterations: number;
  dataDir: string;
}): Promise<AthenaFacadeBench> {
  const { rows, iterations, dataDir } = options;
  await ensureChangeLog(dataDir, rows);
  const { total, byDt } = changeLogBytes(dataDir);
  const jsonTotal = tutorialJsonBytes(dataDir, rows);
  const files = readdirSync(tableDir(dataDir)).reduce(
    (n, p) => n + readdirSync(path.join(tableDir(dataDir), p)).length,
    0,
  );

  let newFile: string | undefined;
  const startedAt = performance.now();
  const facade = await startAthenaFacade({ dataDir });
  const gateway = await startGateway([facade.route], 0);
  const client = new AthenaClient({
    endpoint: gateway.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    // The first query waits for the log present at start to load: that is the cold figure.
    await timedQuery(client, DASHBOARD_QUERIES.revenue_by_region as string, 50);
    const coldMs = performance.now() - startedAt;
    await facade.ready;
    const readyMs = performance.now() - startedAt;

    const warm: AthenaFacadeBench['warm'] = {};
    const all: number[] = [];
    for (const [name, sql] of Object.entries(DASHBOARD_QUERIES)) {
      const clientMs: number[] = [];
      const engineMs: number[] = [];
      await timedQuery(client, sql);
      for (let i = 0; i < iterations; i++) {
        const run = await timedQuery(client, sql);
        clientMs.push(run.ms);
        engineMs.push(run.execution.Statistics?.EngineExecutionTimeInMillis ?? 0);
      }
      all.push(...clientMs);
      warm[name] = { client: summarize(clientMs), engine: summarize(engineMs) };
    }

    // A new Firehose object: the next query loads it and refreshes the touched orders first.
    const newDt = [...byDt.keys()].sort().at(-1) as string;
    newFile = path.join(
      tableDir(dataDir),
      `dt=${newDt}`,
      `order-changes-to-s3-bench-${Date.now()}${changeLogBucket.dataFileExtension}`,
    );
    const update = (i: number) =>
      JSON.stringify({
        event_id: `bench-${i}`,
        event_name: 'MODIFY',
        sequence_number: String(9e15 + i).padStart(40, '0'),
        change_time: `${newDt}T23:59:59.000Z`,
        order_id: `ord-${String(i * 37).padStart(8, '0')}`,
        version: 99,
        is_deleted: false,
        region: 'EU',
        channel: 'web',
        status: 'paid',
        currency: 'USD',
        order_date: `${newDt}T00:00:00.000Z`,
        items: [],
        item_count: 0,
        units: 0,
        total_cents: 100,
        customer_name: 'x',
        customer_email: 'x@example.com',
        created_at: `${newDt}T00:00:00.000Z`,
        updated_at: `${newDt}T23:59:59.000Z`,
      });
    const encoder = createParquetEncoder(path.join(dataDir, 'bench-convert'));
    try {
      writeFileSync(newFile, await encoder.encode(Array.from({ length: 1000 }, (_, i) => update(i))));
    } finally {
      encoder.close();
    }
    const afterNewFile = await timedQuery(client, DASHBOARD_QUERIES.revenue_by_region as string);

    const bytes: AthenaFacadeBench['bytes_scanned'] = {};
    const firstDt = [...byDt.keys()].sort()[0] as string;
    for (const [name, sql] of Object.entries({
      current_state_group_by: DASHBOARD_QUERIES.revenue_by_region as string,
      one_day_of_changes: `SELECT status, count(*) FROM order_changes WHERE dt = '${newDt}' GROUP BY status`,
      one_week_of_changes: `SELECT count(*) FROM order_changes WHERE dt BETWEEN '${firstDt}' AND '${addDays(firstDt, 6)}'`,
    })) {
      const run = await timedQuery(client, sql);
      const scanned = run.execution.Statistics?.DataScannedInBytes ?? 0;
      bytes[name] = {
        bytes: scanned,
        of_unpartitioned: round(scanned / jsonTotal, 4),
        of_parquet_log: round(scanned / (total + statSync(newFile).size), 4),
      };
    }
    const p50 = summarize(all).p50;
    return {
      rows,
      files,
      change_log_mb: round(total / 1024 / 1024, 1),
      tutorial_json_mb: round(jsonTotal / 1024 / 1024, 1),
      ready_ms: round(readyMs, 0),
      cold_first_query_ms: round(coldMs, 0),
      warm,
      warm_p50_ms: p50,
      meets_target: p50 <= ATHENA_P50_TARGET_MS,
      after_new_file_ms: round(afterNewFile.ms, 1),
      bytes_scanned: bytes,
    };
  } finally {
    client.destroy();
    await gateway.close();
    await facade.stop();
    // Leave the generated log as it was, so the next run measures the same data.
    if (newFile) rmSync(newFile, { force: true });
  }
}

function addDays(dt: string, days: number): string {
  return new Date(Date.parse(`${dt}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

runWhenMain(import.meta.url, (arg) => {
  const rows = Number(arg('rows', '1000000'));
  const dataDir = arg('dir', path.join(os.tmpdir(), `athena-bench-${rows}`));
  return benchmarkAthenaFacade({ rows, iterations: Number(arg('iterations', '30')), dataDir });
});
