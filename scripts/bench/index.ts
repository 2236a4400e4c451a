/**
 * `npm run bench`: order API latency, raw DynamoDB Local write rate, cold start and first-load JS,
 * in one bounded run. Prints a table and writes bench/results.json. Targets are reported as
 * pass/fail flags only: these machines are noisy, so the exit code never depends on them.
 *
 *   BENCH_DURATION_S=10     seconds per API phase
 *   BENCH_CONCURRENCY=50    concurrent API clients
 *   BENCH_PIPELINE_S=30     seconds of writes in the pipeline throughput run
 *   BENCH_COLD_BUILD=1      also time a cold start that includes `next build`
 *   BENCH_VERBOSE=1         echo the launcher's output
 *   BENCH_ONLY=api,pipeline only these sections (keys: cold, cold-build, api, pipeline, athena,
 *                           feed, feed-hubs, trace, analytics, queries, auth); the figures of
 *                           the others stay null, and it writes bench/results-partial.json
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isBuildFresh, markBuildFresh } from '../../local/next-build';
import { ordersTable } from '../../lib/resources';
import {
  COLD_START_TARGET_S,
  measureColdStart,
  measureColdStartWithBuild,
  type ColdStart,
} from './cold-start';
import { benchmarkRawWrites, type RawWrites } from './dynamodb-raw';
import { FIRST_LOAD_TARGET_KB, measureFirstLoadJs, type FirstLoadJs } from './first-load-js';
import { root, runNextBuild, spawnLauncher, stopAll, waitForHealth } from './launcher';
import { API_TARGET, benchmarkOrderApi, type OrderApiResult } from './order-api';
import { groupCpuMs, selfCpuMs } from './process-cpu';
import { benchmarkWriteRatio, WRITE_RATIO_TARGET, type WriteRatio } from './write-ratio';
import { ATHENA_P50_TARGET_MS, benchmarkAthenaFacade, type AthenaFacadeBench } from './athena-facade';
import { benchmarkPipeline, PIPELINE_TARGETS, type PipelineBench } from './pipeline';
import { benchmarkFeed, FEED_TARGETS, type FeedBench } from './feed';
import { benchmarkFeedHubs, FEED_HUBS_TARGETS, type FeedHubsBench } from './feed-hubs';
import { benchmarkTrace, TRACE_TARGETS, type TraceBench } from './trace';
import {
  benchmarkAnalytics,
  BYTES_RATIO_TARGET,
  DASHBOARD_P50_TARGET_MS,
  RESTART_FIRST_LOAD_TARGET_MS,
  type AnalyticsBench,
} from './analytics';
import { benchmarkQueries, QUERIES_TARGETS, type QueriesBench } from './queries';
import { AUTH_TARGETS, benchmarkAuth, type AuthBench } from './auth';
import { round } from './stats';

const positive = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};
const config = {
  duration_s: positive('BENCH_DURATION_S', 10),
  concurrency: Math.round(positive('BENCH_CONCURRENCY', 50)),
  // DynamoDB Local's JVM needs a few seconds of load before its latency settles.
  warmup_s: positive('BENCH_WARMUP_S', 5),
  paced_rps: positive('BENCH_PACED_RPS', 100),
  raw_in_flight: 32,
  raw_duration_s: 5,
  write_ratio_slices: 8,
  write_ratio_slice_s: 2,
  write_ratio_warmup_s: 12,
  cold_build: process.env.BENCH_COLD_BUILD === '1',
  pipeline_latency_orders: 30,
  pipeline_throughput_s: Math.round(positive('BENCH_PIPELINE_S', 30)),
  athena_rows: Math.round(positive('BENCH_ATHENA_ROWS', 1_000_000)),
  feed_latency_orders: 40,
  feed_viewers: 100,
  feed_hubs: 3,
  feed_hubs_seconds: 10,
  feed_hubs_writes_per_s: 5,
  trace_background_orders: 300,
  trace_edits: 20,
  trace_traces: 30,
  auth_iterations: 2000,
};
const BUILD_TIMEOUT_MS = 6 * 60_000;
const READY_TIMEOUT_MS = 3 * 60_000;
const COLD_BUILD_TIMEOUT_MS = BUILD_TIMEOUT_MS + READY_TIMEOUT_MS;

function git(...args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return null;
  }
}

const results = {
  schema: 1,
  timestamp: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpu_model: os.cpus()[0]?.model ?? 'unknown',
    memory_gb: round(os.totalmem() / 1024 ** 3, 1),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    next: (
      JSON.parse(readFileSync(path.join(root, 'node_modules', 'next', 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version,
    load_avg_1m_at_start: round(os.loadavg()[0] ?? 0),
    load_avg_1m_at_end: null as number | null,
  },
  git: { commit: git('rev-parse', '--short', 'HEAD'), dirty: (git('status', '--porcelain') ?? '') !== '' },
  config,
  targets: {
    api_p99_ms: API_TARGET.p99_ms,
    api_errors: API_TARGET.errors,
    api_create_over_raw_write_ratio: WRITE_RATIO_TARGET,
    cold_start_s: COLD_START_TARGET_S,
    first_load_js_gzip_kb: FIRST_LOAD_TARGET_KB,
    pipeline_queryable_p95_ms: PIPELINE_TARGETS.queryable_p95_ms,
    pipeline_throughput_ratio: PIPELINE_TARGETS.throughput_ratio,
    athena_dashboard_p50_ms: ATHENA_P50_TARGET_MS,
    athena_bytes_scanned_of_unpartitioned: 0.1,
    feed_write_to_client_p95_ms: FEED_TARGETS.write_to_client_p95_ms,
    feed_get_records_per_shard_per_s: FEED_TARGETS.get_records_per_shard_per_s,
    feed_hubs_get_records_per_shard_per_s: FEED_HUBS_TARGETS.get_records_per_shard_per_s,
    trace_edit_to_traced_p95_ms: TRACE_TARGETS.edit_to_traced_p95_ms,
    trace_p95_ms: TRACE_TARGETS.trace_p95_ms,
    analytics_dashboard_p50_ms: DASHBOARD_P50_TARGET_MS,
    analytics_bytes_of_tutorial_layout: BYTES_RATIO_TARGET,
    analytics_first_load_after_restart_ms: RESTART_FIRST_LOAD_TARGET_MS,
    queries_first_rows_p50_ms: QUERIES_TARGETS.first_rows_p50_ms,
    queries_csv_rows_per_s: QUERIES_TARGETS.csv_rows_per_s,
    auth_bearer_verify_p50_ms: AUTH_TARGETS.bearer_verify_p50_ms,
  },
  /** `next build` run first so the cold start below finds a fresh build (null: it was fresh). */
  prep: { next_build_s: null as number | null },
  api: null as Omit<OrderApiResult, 'sample_order_id'> | null,
  dynamodb_raw: null as RawWrites | null,
  /** API creates vs raw conditional PutItems, same clients, interleaved slices on one stack. */
  write_ratio: null as WriteRatio | null,
  ratios: {
    /** From write_ratio: the figure the target is about. */
    api_create_rps_over_raw_writes_per_s: null as number | null,
    /** The closed-loop update phase ÷ write_ratio's raw rate (measured minutes apart: indicative). */
    api_update_rps_over_raw_writes_per_s: null as number | null,
    /** Change rows delivered per second ÷ raw PutItem rate with no pipeline running. */
    pipeline_rps_over_raw_writes_per_s: null as number | null,
  },
  cold_start: {
    with_existing_build: null as ColdStart | null,
    including_next_build: null as ColdStart | null,
  },
  first_load_js: null as FirstLoadJs | null,
  pipeline: null as PipelineBench | null,
  athena_facade: null as AthenaFacadeBench | null,
  feed: null as FeedBench | null,
  feed_hubs: null as FeedHubsBench | null,
  trace: null as TraceBench | null,
  analytics: null as AnalyticsBench | null,
  queries: null as QueriesBench | null,
  auth: null as AuthBench | null,
  errors: [] as string[],
  notes: [] as string[],
};

const log = (message: string) => console.log(`[bench] ${message}`);

/** BENCH_ONLY=api,pipeline runs just those sections (and the build check), to iterate on one. */
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : undefined;

/** Each section runs on its own: a failure is recorded and the rest still runs. */
async function section(key: string, name: string, fn: () => Promise<void>) {
  if (only && key !== 'build' && !only.has(key)) return;
  log(`${name}…`);
  try {
    await fn();
  } catch (error) {
    const message = `${name}: ${(error as Error).message}`;
    results.errors.push(message.slice(0, 2000));
    console.error(`[bench] FAILED ${message}`);
  }
}

async function main() {
  await section('build', 'checking the production build', async () => {
    const dist = path.join(root, '.next');
    if (isBuildFresh(root, dist)) return;
    const started = performance.now();
    await runNextBuild(BUILD_TIMEOUT_MS);
    markBuildFresh(root, dist);
    results.prep.next_build_s = round((performance.now() - started) / 1000);
  });

  await section('cold', 'cold start, existing build', async () => {
    const cold = await measureColdStart({ timeoutMs: READY_TIMEOUT_MS });
    results.cold_start.with_existing_build = cold;
    if (cold.built_dashboard)
      results.notes.push('the sources changed after the prep build, so the cold start included a rebuild');
  });

  if (config.cold_build) {
    await section('cold-build', 'cold start including next build', async () => {
      const { notes, ...cold } = await measureColdStartWithBuild(COLD_BUILD_TIMEOUT_MS);
      results.cold_start.including_next_build = cold;
      results.notes.push(...notes);
    });
  }

  await section('api', 'order API, raw DynamoDB writes and first-load JS', async () => {
    const launcher = await spawnLauncher(['--in-memory', '--no-seed']);
    try {
      await waitForHealth(launcher, READY_TIMEOUT_MS);
      if (/building the dashboard/.test(launcher.output()))
        results.notes.push('the API server rebuilt the dashboard before starting');
      const authorization = await launcher.bearer('admin');
      const cpu = () => ({ ...groupCpuMs(launcher.pid), load_generator: selfCpuMs() });
      const api = await benchmarkOrderApi({
        port: launcher.port,
        authorization,
        concurrency: config.concurrency,
        durationMs: config.duration_s * 1000,
        warmupMs: config.warmup_s * 1000,
        pacedRps: config.paced_rps,
        cpu,
      });
      results.api = { create: api.create, update: api.update, create_paced: api.create_paced };
      results.dynamodb_raw = await benchmarkRawWrites({
        endpoint: launcher.awsEndpoint,
        table: ordersTable.name,
        inFlight: config.raw_in_flight,
        durationMs: config.raw_duration_s * 1000,
        cpu,
      });
      results.write_ratio = await benchmarkWriteRatio({
        port: launcher.port,
        authorization,
        endpoint: launcher.awsEndpoint,
        table: ordersTable.name,
        clients: config.concurrency,
        slices: config.write_ratio_slices,
        sliceMs: config.write_ratio_slice_s * 1000,
        warmupMs: config.write_ratio_warmup_s * 1000,
        cpu,
      });
      const raw = results.write_ratio.raw.writes_per_s;
      results.ratios.api_create_rps_over_raw_writes_per_s = results.write_ratio.ratio;
      results.ratios.api_update_rps_over_raw_writes_per_s = raw ? round(api.update.throughput_rps / raw, 3) : null;
      results.first_load_js = await measureFirstLoadJs(launcher.baseUrl, api.sample_order_id, authorization);
    } finally {
      await launcher.stop();
    }
  });

  await section('pipeline', 'CDC pipeline: write → queryable, throughput', async () => {
    results.pipeline = await benchmarkPipeline({
      latencyOrders: config.pipeline_latency_orders,
      inFlight: config.raw_in_flight,
      durationMs: config.pipeline_throughput_s * 1000,
    });
    const raw = results.dynamodb_raw?.writes_per_s;
    results.ratios.pipeline_rps_over_raw_writes_per_s = raw ? round(results.pipeline.throughput.pipeline_rps / raw, 3) : null;
  });

  await section('athena', `Athena facade over ${config.athena_rows.toLocaleString('en-US')} change rows`, async () => {
    // Generated once into the temp dir and reused, so runs compare the same data.
    const dataDir = path.join(os.tmpdir(), `sales-cdc-athena-bench-${config.athena_rows}`);
    results.athena_facade = await benchmarkAthenaFacade({ rows: config.athena_rows, iterations: 20, dataDir });
  });

  await section('feed', `live feed: write → SSE client, ${config.feed_viewers} viewers`, async () => {
    results.feed = await benchmarkFeed({ latencyOrders: config.feed_latency_orders, viewers: config.feed_viewers });
  });

  await section('feed-hubs', `live feed: ${config.feed_hubs} hubs sharing the read budget`, async () => {
    results.feed_hubs = await benchmarkFeedHubs({
      hubs: config.feed_hubs,
      seconds: config.feed_hubs_seconds,
      writesPerSecond: config.feed_hubs_writes_per_s,
    });
  });

  await section('trace', 'order trace: edit → traced to Athena, one trace', async () => {
    results.trace = await benchmarkTrace({
      backgroundOrders: config.trace_background_orders,
      edits: config.trace_edits,
      traces: config.trace_traces,
    });
  });

  // Both reuse the change log generated for the facade section.
  const athenaDataDir = path.join(os.tmpdir(), `sales-cdc-athena-bench-${config.athena_rows}`);
  await section('analytics', `analytics dashboard over ${config.athena_rows.toLocaleString('en-US')} change rows`, async () => {
    results.analytics = await benchmarkAnalytics({ rows: config.athena_rows, iterations: 20, dataDir: athenaDataDir });
  });

  await section('queries', `saved query library over ${config.athena_rows.toLocaleString('en-US')} change rows`, async () => {
    results.queries = await benchmarkQueries({ rows: config.athena_rows, iterations: 20, dataDir: athenaDataDir });
  });

  await section('auth', 'authentication per request: Bearer token and session cookie', async () => {
    results.auth = await benchmarkAuth({ iterations: config.auth_iterations });
  });
}

const flag = (pass: boolean | undefined) => (pass === undefined ? '-' : pass ? 'pass' : 'FAIL');
const cell = (value: unknown, width: number) => String(value ?? '-').padStart(width);

function printTable() {
  const { machine } = results;
  const lines: string[] = [
    '',
    `Benchmarks  ${results.timestamp}  ${machine.cpus} CPUs  Node ${machine.node}  load ${machine.load_avg_1m_at_start} -> ${machine.load_avg_1m_at_end}`,
    '',
  ];
  lines.push(
    `Order API, ${config.concurrency} clients, ${config.duration_s} s per phase after ${config.warmup_s} s warm-up (target p99 <= ${API_TARGET.p99_ms} ms, 0 errors)`,
    `  create/update: closed loop, each client sends as soon as its last answer arrives (saturation)`,
    `  create_paced: open loop at ${config.paced_rps} req/s in total, latency from the scheduled send`,
  );
  lines.push(
    `  ${'phase'.padEnd(13)}${cell('requests', 10)}${cell('req/s', 9)}${cell('p50', 8)}${cell('p90', 8)}${cell('p99', 8)}${cell('max', 9)}${cell('errors', 8)}${cell('p99', 6)}${cell('err', 6)}`,
  );
  for (const name of ['create', 'update', 'create_paced'] as const) {
    const p = results.api?.[name];
    lines.push(
      `  ${name.padEnd(13)}${cell(p?.requests, 10)}${cell(p?.throughput_rps, 9)}${cell(p?.latency_ms.p50, 8)}${cell(p?.latency_ms.p90, 8)}${cell(p?.latency_ms.p99, 8)}${cell(p?.latency_ms.max, 9)}${cell(p?.errors, 8)}${cell(flag(p?.pass.p99), 6)}${cell(flag(p?.pass.errors), 6)}`,
    );
  }
  const raw = results.dynamodb_raw;
  lines.push('', `DynamoDB Local raw PutItem, ${config.raw_in_flight} in flight, ${config.raw_duration_s} s`);
  lines.push(
    `  ${raw?.writes_per_s ?? '-'} writes/s   p50 ${raw?.latency_ms.p50 ?? '-'} ms   p99 ${raw?.latency_ms.p99 ?? '-'} ms   errors ${raw?.errors ?? '-'}`,
  );
  const w = results.write_ratio;
  const cpuLine = (cpu: Record<string, number> | undefined) =>
    Object.entries(cpu ?? {}).filter(([, ms]) => ms > 0.005).map(([role, ms]) => `${role} ${ms}`).join(', ');
  lines.push(
    '',
    `API create vs raw conditional PutItem, ${w?.clients ?? config.concurrency} clients each, ${w?.slices ?? '-'} interleaved slices of ${w?.slice_s ?? '-'} s after ${config.write_ratio_warmup_s} s warm-up (target >= ${WRITE_RATIO_TARGET})`,
    `  API ${w?.api.writes_per_s ?? '-'}/s (p50 ${w?.api.latency_ms.p50 ?? '-'} ms, errors ${w?.api.errors ?? '-'})   raw ${w?.raw.writes_per_s ?? '-'}/s (p50 ${w?.raw.latency_ms.p50 ?? '-'} ms)   ratio ${w?.ratio ?? '-'}  ${flag(w?.pass)}`,
    `  CPU ms per write, API: ${cpuLine(w?.api.cpu_ms_per_write)}`,
    `  CPU ms per write, raw: ${cpuLine(w?.raw.cpu_ms_per_write)}`,
    `  update phase / raw: ${results.ratios.api_update_rps_over_raw_writes_per_s ?? '-'}`,
  );
  lines.push('', `Cold npm start to ready (target <= ${COLD_START_TARGET_S} s)`);
  for (const [name, cold] of Object.entries(results.cold_start)) {
    if (name === 'including_next_build' && !config.cold_build) continue;
    const detail = cold
      ? `  (local AWS ${cold.local_aws_ready_s ?? '-'} s, seeded ${cold.seeded_s ?? '-'} s, launcher ready ${cold.launcher_reported_s ?? '-'} s)`
      : '';
    lines.push(
      `  ${name.padEnd(22)}${cell(cold ? `${cold.seconds} s` : '-', 9)}  ${flag(cold?.pass)}${detail}${cold?.built_dashboard && name === 'with_existing_build' ? '  (included a rebuild)' : ''}`,
    );
  }
  lines.push('', `First-load JS per page, gzip (target <= ${FIRST_LOAD_TARGET_KB} kB)`);
  for (const [route, page] of Object.entries(results.first_load_js?.pages ?? {})) {
    lines.push(
      `  ${route.padEnd(20)}${cell(`${page.gzip_kb} kB`, 10)}  ${cell(page.scripts, 3)} scripts  HTTP ${page.status}  ${flag(page.pass)}`,
    );
  }
  const pipe = results.pipeline;
  lines.push('', `CDC pipeline (targets: write → queryable p95 <= ${PIPELINE_TARGETS.queryable_p95_ms} ms, throughput ratio >= ${PIPELINE_TARGETS.throughput_ratio}, 0 lost)`);
  if (pipe) {
    const q = pipe.write_to_queryable;
    lines.push(
      `  write → queryable via Athena API   p50 ${q.latency_ms.p50} ms  p95 ${q.p95_ms} ms  max ${q.latency_ms.max} ms  (${q.orders} orders, polled every ${q.poll_interval_ms} ms)  ${flag(q.pass)}`,
    );
    const t = pipe.throughput;
    lines.push(
      `  throughput: ${t.writes} writes at ${t.write_rps}/s (${t.in_flight} in flight) for ${t.write_seconds} s; all in S3 after ${t.end_to_end_seconds} s (drain ${t.drain_seconds} s) → ${t.pipeline_rps}/s, ratio ${t.ratio}, lost ${t.lost}  ${flag(t.pass)}`,
      `  pipeline rows/s ÷ raw PutItem writes/s (no pipeline running): ${results.ratios.pipeline_rps_over_raw_writes_per_s ?? '-'}`,
    );
  }
  const facade = results.athena_facade;
  lines.push('', `Athena facade, ${config.athena_rows.toLocaleString('en-US')} change rows (target: dashboard GROUP BY p50 <= ${ATHENA_P50_TARGET_MS} ms; bytes <= 10% of the tutorial's JSON log)`);
  if (facade) {
    lines.push(`  ${facade.change_log_mb} MB of Parquet in ${facade.files} files (${facade.tutorial_json_mb} MB as the tutorial's JSON); first query after start ${facade.cold_first_query_ms} ms; after a new file ${facade.after_new_file_ms} ms`);
    for (const [name, w] of Object.entries(facade.warm)) {
      lines.push(`  ${name.padEnd(26)} p50 ${cell(w.client.p50, 7)} ms  p90 ${cell(w.client.p90, 7)} ms  (engine p50 ${w.engine.p50} ms)`);
    }
    lines.push(`  warm p50 over all ${facade.warm_p50_ms} ms  ${flag(facade.meets_target)}`);
    for (const [name, b] of Object.entries(facade.bytes_scanned)) {
      lines.push(`  bytes scanned, ${name.padEnd(24)} ${cell(b.bytes, 12)}  = ${round(b.of_unpartitioned * 100, 1)}% of the tutorial's JSON log (${round(b.of_parquet_log * 100, 1)}% of the Parquet log)  ${flag(b.of_unpartitioned <= 0.1)}`);
    }
  }
  printFeatureBenches(lines);
  if (results.prep.next_build_s !== null)
    lines.push('', `(next build ran first: ${results.prep.next_build_s} s)`);
  for (const note of results.notes) lines.push(`note: ${note}`);
  for (const error of results.errors) lines.push(`error: ${error.split('\n')[0]}`);
  console.log(lines.join('\n') + '\n');
}

function printFeatureBenches(lines: string[]) {
  const feed = results.feed;
  lines.push('', `Live feed (targets: write → SSE client p95 <= ${FEED_TARGETS.write_to_client_p95_ms} ms; GetRecords <= ${FEED_TARGETS.get_records_per_shard_per_s}/s per shard)`);
  if (feed) {
    const w = feed.write_to_client;
    const v = feed.viewers;
    lines.push(
      `  write → SSE client   p50 ${w.latency_ms.p50} ms  p95 ${w.p95_ms} ms  max ${w.latency_ms.max} ms  (${w.orders} orders)  ${flag(w.pass)}`,
      `  ${v.viewers} viewers, ${v.records} records in ${v.seconds} s: ${v.pollers} pollers for ${v.shards} shards, GetRecords/s per shard ${Object.values(v.get_records_per_shard_per_s).join(', ')} (max sampled ${v.max_sampled_per_shard_per_s}); every record at ${v.viewers_with_every_record}/${v.viewers} viewers, missing ${v.missing_deliveries}, duplicates ${v.duplicate_deliveries}  ${flag(v.pass)}`,
    );
  }
  const hubs = results.feed_hubs;
  lines.push('', `Live feed, ${config.feed_hubs} hubs on one budget table (target: GetRecords <= ${FEED_HUBS_TARGETS.get_records_per_shard_per_s} per shard in every second, all hubs together)`);
  if (hubs) {
    lines.push(
      `  ${hubs.writes} writes in ${hubs.seconds} s: max GetRecords per shard in one second ${hubs.max_get_records_per_shard_per_s}; per hub per shard ${hubs.per_hub_calls_per_shard_per_s.join(', ')}/s (mean ${hubs.mean_per_hub_calls_per_shard_per_s}); budget table failures ${hubs.budget_table_failures.length}  ${flag(hubs.pass)}`,
      `  write → viewer       p50 ${hubs.write_to_viewer_ms.p50} ms  p95 ${hubs.p95_ms} ms  max ${hubs.write_to_viewer_ms.max} ms; missing ${hubs.missing_deliveries}`,
    );
  }
  const trace = results.trace;
  lines.push('', `Order trace (targets: edit → traced to Athena p95 <= ${TRACE_TARGETS.edit_to_traced_p95_ms} ms; one trace p95 <= ${TRACE_TARGETS.trace_p95_ms} ms)`);
  if (trace) {
    const e = trace.edit_to_traced;
    const t = trace.trace;
    lines.push(
      `  edit → traced        p50 ${e.latency_ms.p50} ms  p95 ${e.p95_ms} ms  (${e.edits} edits, polled every ${e.poll_interval_ms} ms)  ${flag(e.pass)}`,
      `  one trace            p50 ${t.latency_ms.p50} ms  p95 ${t.p95_ms} ms  (${t.traces} traces, ${t.records_scanned_p50} Kinesis records scanned p50)  ${flag(t.pass)}`,
    );
  }
  const a = results.analytics;
  lines.push('', `Analytics dashboard, all widgets (targets: p50 <= ${DASHBOARD_P50_TARGET_MS} ms; bytes <= ${BYTES_RATIO_TARGET * 100}% of the tutorial's layout)`);
  if (a) {
    lines.push(
      `  ${a.queries_per_load} queries per load, nothing changed (${a.queries_reused_per_load} reused)   p50 ${a.p50_ms} ms  p90 ${a.dashboard.p90} ms  ${flag(a.meets_p50_target)}`,
      `  every query scanning (as after a delivery)   p50 ${a.p50_scanning_ms} ms  p90 ${a.dashboard_scanning.p90} ms  ${flag(a.meets_p50_scanning_target)}`,
      `  bytes per load ${a.bytes_per_load} vs tutorial ${a.tutorial_bytes_per_load} = ${round(a.bytes_ratio * 100, 1)}%  ${flag(a.meets_bytes_target)}`,
      `  cross-check from the Parquet footers: ${a.parquet_projection.bytes_per_load} bytes = ${round(a.parquet_projection.ratio * 100, 1)}%  ${flag(a.parquet_projection.meets_bytes_target)}`,
      `  first dashboard: ${a.first_load_cold_ms} ms with no stored log, ${a.first_load_after_restart_ms} ms after a restart (target <= ${RESTART_FIRST_LOAD_TARGET_MS} ms)  ${flag(a.meets_restart_target)}`,
      `  nothing changed: a one-partition query p50 ${a.unchanged_refresh.query.p50} ms, ${a.unchanged_refresh.directory_reads_per_query} directory reads per query (${a.unchanged_refresh.partitions} partitions)`,
      `  Athena dialect conformance: ${a.conformance.passed}/${a.conformance.total} documented examples${a.conformance.failed.length ? ` (failing: ${a.conformance.failed.join(', ')})` : ''}`,
    );
  }
  const q = results.queries;
  lines.push('', `Saved query library (targets: Run → first rows p50 <= ${QUERIES_TARGETS.first_rows_p50_ms} ms; CSV >= ${QUERIES_TARGETS.csv_rows_per_s} rows/s)`);
  if (q) {
    lines.push(
      `  Run → first rows, ${q.built_in_query}: p50 ${q.first_rows_ms.p50} ms  p90 ${q.first_rows_ms.p90} ms`,
      `  CSV export ${q.csv_export.rows} rows in ${q.csv_export.ms} ms → ${q.csv_export.rows_per_s} rows/s  ${flag(q.pass)}`,
    );
  }
  const auth = results.auth;
  lines.push('', `Authentication per request, ${config.auth_iterations} calls each (target: Bearer verification p50 <= ${AUTH_TARGETS.bearer_verify_p50_ms} ms)`);
  if (auth) {
    lines.push(
      `  Bearer, a new token  p50 ${auth.bearer_new_token_ms.p50} ms  p99 ${auth.bearer_new_token_ms.p99} ms  (${auth.new_tokens} tokens; first call, fetching the JWKS: ${auth.bearer_first_call_ms} ms)  ${flag(auth.pass)}`,
      `  Bearer, same token   p50 ${auth.bearer_ms.p50} ms  p99 ${auth.bearer_ms.p99} ms  (verified-token cache)`,
      `  session cookie       p50 ${auth.cookie_ms.p50} ms  p99 ${auth.cookie_ms.p99} ms`,
    );
  }
}

function writeResults() {
  const dir = path.join(root, 'bench');
  mkdirSync(dir, { recursive: true });
  // A BENCH_ONLY run never replaces the full run's figures.
  const file = path.join(dir, only ? 'results-partial.json' : 'results.json');
  writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2) + '\n');
  renameSync(`${file}.tmp`, file);
  log(`wrote ${path.relative(root, file)}`);
}

// Hard stop: whatever hangs, nothing outlives the bench. Sized from the worst case of each step.
const budgetMs =
  BUILD_TIMEOUT_MS +
  READY_TIMEOUT_MS * 2 +
  (config.cold_build ? COLD_BUILD_TIMEOUT_MS : 0) +
  (config.duration_s + config.warmup_s) * 2000 +
  (config.write_ratio_warmup_s + config.write_ratio_slices * config.write_ratio_slice_s * 2) * 1000 +
  // The pipeline section: start-up, latency probes, the throughput window and its drain.
  (config.pipeline_throughput_s * 1000 + 240_000) +
  // The facade section: generating and loading the change log, then the queries.
  600_000 +
  120_000 +
  // Feed, feed hubs, trace, analytics and the query library, each with its own start-up.
  5 * 240_000 +
  // Authentication: a local provider and a few thousand in-process verifications.
  60_000;
const watchdog = setTimeout(() => {
  results.errors.push(`watchdog: the bench did not finish within ${budgetMs / 1000} s`);
  void stopAll().finally(() => {
    writeResults();
    process.exit(1);
  });
}, budgetMs);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => void stopAll().finally(() => process.exit(130)));

main()
  .then(() => {
    results.machine.load_avg_1m_at_end = round(os.loadavg()[0] ?? 0);
    // Other work on the box skews every figure; say so next to them.
    if (
      Math.max(results.machine.load_avg_1m_at_start, results.machine.load_avg_1m_at_end) >
      results.machine.cpus
    ) {
      results.notes.push(
        `the machine was busy (1-min load average above ${results.machine.cpus}, the CPU count): figures are pessimistic`,
      );
    }
    printTable();
    writeResults();
    // Stray keep-alive sockets or timers must not keep the process alive.
    process.exit(0);
  })
  .catch(async (error: Error) => {
    console.error(error);
    await stopAll();
    process.exit(1);
  });
