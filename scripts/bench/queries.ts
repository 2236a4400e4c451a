/**
 * The saved query library over a large change log, measured through the app's own API route
 * handlers (in-process; Athena is the local facade reached over HTTP through the SDK):
 *
 * - Run → first rows: POST /api/queries/run with a built-in saved query and its parameters, poll
 *   GET /api/queries/executions/{id} on the page's schedule (lib/queries/poll.ts), then
 *   GET …/results for the first page. The browser adds one render on top.
 * - CSV export: GET …/results.csv of a 100k-row result, read to the end; rows per second.
 *
 *   npx tsx --conditions=react-server scripts/bench/queries.ts [--rows 1000000] [--iterations 20] [--dir /tmp/x]
 */
import { AthenaClient } from '@aws-sdk/client-athena';
import { S3Client } from '@aws-sdk/client-s3';
import os from 'node:os';
import path from 'node:path';
import { GET as getExecution } from '../../app/api/queries/executions/[id]/route';
import { GET as getResults } from '../../app/api/queries/executions/[id]/results/route';
import { GET as getCsv } from '../../app/api/queries/executions/[id]/results.csv/route';
import { POST as runQuery } from '../../app/api/queries/run/route';
import { setAthenaClient } from '../../lib/aws/athena';
import { setS3Client } from '../../lib/aws/s3';
import { listSavedQueries } from '../../lib/queries/library';
import { pollDelayMs } from '../../lib/queries/poll';
import { athenaResultsBucket, changeLogBucket } from '../../lib/resources';
import { startAthenaFacade } from '../../local/athena';
import { startGateway } from '../../local/gateway';
import { createS3Facade } from '../../local/s3';
import { createBuiltInQueries } from '../../local/seed-queries';
import { ensureChangeLog } from './athena-facade';
import { startBenchIdentity } from './auth';
import { runWhenMain } from './cli';
import { round, summarize, type LatencySummary } from './stats';

export const QUERIES_TARGETS = { first_rows_p50_ms: 1_000, csv_rows_per_s: 20_000 } as const;

export type QueriesBench = {
  measured_through: string;
  change_rows: number;
  built_in_query: string;
  first_rows_ms: LatencySummary;
  csv_export: { rows: number; bytes: number; ms: number; rows_per_s: number };
  targets: typeof QUERIES_TARGETS;
  pass: boolean;
};

const BUILT_IN = 'Revenue by day';
const PARAMS = ['2026-08-01', '2026-10-31'];
const CSV_ROWS = 100_000;
const CSV_SQL = `SELECT order_id, status, region, channel, currency, total_cents, order_date
FROM orders_current ORDER BY order_id LIMIT ${CSV_ROWS}`;

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
/** `Bearer …` of the analyst the runs are made as: every handler verifies it, as in production. */
let authorization = '';
const get = (path: string) => new Request(`http://localhost${path}`, { headers: { authorization } });
const post = (body: unknown) =>
  new Request('http://localhost/api/queries/run', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
  });

async function start(body: unknown): Promise<string> {
  const response = await runQuery(post(body));
  const json = (await response.json()) as { execution_id?: string; message?: string };
  if (!json.execution_id) throw new Error(`run failed: ${JSON.stringify(json)}`);
  return json.execution_id;
}

/** Polls as the page does, until the query is final; throws unless it succeeded. */
async function waitLikeThePage(id: string): Promise<void> {
  for (let polls = 0; ; polls++) {
    const status = (await (await getExecution(get(`/api/queries/executions/${id}`), ctx(id))).json()) as { state: string; reason?: string };
    if (status.state === 'SUCCEEDED') return;
    if (status.state === 'FAILED' || status.state === 'CANCELLED') throw new Error(`${status.state}: ${status.reason}`);
    await new Promise((r) => setTimeout(r, pollDelayMs(polls)));
  }
}

export async function benchmarkQueries(options: { rows: number; iterations: number; dataDir: string }): Promise<QueriesBench> {
  const { rows, iterations, dataDir } = options;
  await ensureChangeLog(dataDir, rows);
  const facade = await startAthenaFacade({ dataDir, onWarning: () => undefined });
  const s3 = createS3Facade({ dataDir, buckets: [changeLogBucket.name, athenaResultsBucket.name], log: () => undefined });
  const gateway = await startGateway([facade.route, s3.route], 0);
  const connection = { endpoint: gateway.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const athena = new AthenaClient(connection);
  const s3Client = new S3Client({ ...connection, forcePathStyle: true, requestChecksumCalculation: 'WHEN_REQUIRED' });
  setAthenaClient(athena);
  setS3Client(s3Client);
  const identity = await startBenchIdentity();
  try {
    // Ad-hoc SQL (the CSV export) needs queries:author, which analysts have.
    authorization = await identity.bearer('analyst');
    await createBuiltInQueries(connection);
    const query = (await listSavedQueries()).find((q) => q.name === BUILT_IN);
    if (!query) throw new Error(`built-in query ${BUILT_IN} is missing`);
    await facade.ready;

    const firstRows: number[] = [];
    for (let i = 0; i <= iterations; i++) {
      const t0 = performance.now();
      const id = await start({ id: query.id, params: PARAMS });
      await waitLikeThePage(id);
      const page = (await (await getResults(get(`/api/queries/executions/${id}/results?page_size=100`), ctx(id))).json()) as { rows: unknown[] };
      if (page.rows.length === 0) throw new Error('the built-in query returned no rows');
      // The first run is a warm-up.
      if (i > 0) firstRows.push(performance.now() - t0);
    }

    const csvId = await start({ sql: CSV_SQL });
    await waitLikeThePage(csvId);
    const t0 = performance.now();
    const response = await getCsv(get(`/api/queries/executions/${csvId}/results.csv`), ctx(csvId));
    let bytes = 0;
    let lines = 0;
    const reader = response.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      for (const byte of value) if (byte === 10) lines++;
    }
    const ms = performance.now() - t0;
    const exported = lines - 1;
    if (exported !== CSV_ROWS) throw new Error(`CSV had ${exported} rows, expected ${CSV_ROWS}`);

    const first = summarize(firstRows);
    const rowsPerS = Math.round(exported / (ms / 1000));
    return {
      measured_through: 'API route handlers in-process, each request with an analyst Bearer token (POST run → poll status on the page schedule → first results page; GET results.csv streamed to the end), SDK over HTTP to the local Athena facade',
      change_rows: rows,
      built_in_query: `${BUILT_IN} (${PARAMS.join(' … ')})`,
      first_rows_ms: first,
      csv_export: { rows: exported, bytes, ms: round(ms), rows_per_s: rowsPerS },
      targets: QUERIES_TARGETS,
      pass: first.p50 <= QUERIES_TARGETS.first_rows_p50_ms && rowsPerS >= QUERIES_TARGETS.csv_rows_per_s,
    };
  } finally {
    await identity.stop();
    setAthenaClient(undefined);
    setS3Client(undefined);
    athena.destroy();
    s3Client.destroy();
    await gateway.close();
    await facade.stop();
  }
}

runWhenMain(import.meta.url, (arg) => {
  const rows = Number(arg('rows', '1000000'));
  return benchmarkQueries({
    rows,
    iterations: Number(arg('iterations', '20')),
    dataDir: arg('dir', path.join(os.tmpdir(), `sales-cdc-athena-bench-${rows}`)),
  });
});
