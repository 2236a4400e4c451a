import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getExecution } from '@/app/api/queries/executions/[id]/route';
import { POST as cancelExecution } from '@/app/api/queries/executions/[id]/cancel/route';
import { GET as getResults } from '@/app/api/queries/executions/[id]/results/route';
import { GET as getCsv } from '@/app/api/queries/executions/[id]/results.csv/route';
import { GET as listHistory } from '@/app/api/queries/executions/route';
import { DELETE as deleteQuery, GET as getQuery, PUT as updateQuery } from '@/app/api/queries/[id]/route';
import { POST as checkQuery } from '@/app/api/queries/check/route';
import { GET as listQueries, POST as createQuery } from '@/app/api/queries/route';
import { POST as runQuery } from '@/app/api/queries/run/route';
import { GET as getSchema } from '@/app/api/queries/schema/route';
import { AthenaClient } from '@aws-sdk/client-athena';
import { setAthenaClient } from '@/lib/aws/athena';
import { setS3Client } from '@/lib/aws/s3';
import { BUILT_IN_QUERIES } from '@/lib/queries/built-in';
import { changeLogBucket } from '@/lib/resources';
import { createBuiltInQueries } from '@/local/seed-queries';
import { deleteRequest, getRequest, idContext, jsonRequest } from '@/test/support/api';
import { changeRow, removeDataDir, SLOW_QUERY, startAthenaHarness, writeChangeFile, type AthenaHarness } from '@/test/support/athena';
import { startFilesEndpoint, type FilesEndpoint } from '@/test/support/files-endpoint';
import { waitFor } from '@/test/support/wait';

let athena: AthenaHarness;
let files: FilesEndpoint;
const ORDER_COUNT = 250;

beforeAll(async () => {
  athena = await startAthenaHarness();
  files = await startFilesEndpoint(athena.dataDir);
  setAthenaClient(athena.client);
  setS3Client(files.s3);
  const day = (d: string, from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) =>
      changeRow({
        order_id: `o-${String(from + i).padStart(4, '0')}`,
        change_time: `${d}T10:00:00.000Z`,
        status: (from + i) % 2 === 0 ? 'paid' : 'pending',
      }),
    );
  await writeChangeFile(athena.dataDir, '2026-11-19', 'a', day('2026-11-19', 0, 100));
  await writeChangeFile(athena.dataDir, '2026-11-20', 'b', day('2026-11-20', 100, ORDER_COUNT));
  // One failed record, as Firehose writes it, for the "Failed records" built-in.
  const errorFile = path.join(athena.dataDir, 's3', changeLogBucket.name, 'errors', 'processing-failed', '2026', '11', '20', '10', 'order-changes-to-s3-1-2026-11-20-10-00-00-a');
  await fs.mkdir(path.dirname(errorFile), { recursive: true });
  await fs.writeFile(
    errorFile,
    `${JSON.stringify({ attemptsMade: 1, arrivalTimestamp: Date.UTC(2026, 10, 20, 10), errorCode: 'Lambda.ProcessingFailed', errorMessage: 'total_cents is not a number', attemptEndingTimestamp: Date.UTC(2026, 10, 20, 10, 0, 1), rawData: Buffer.from('{"dynamodb":{"Keys":{"order_id":{"S":"o-9999"}}}}').toString('base64') })}\n`,
  );
});

afterAll(async () => {
  setAthenaClient(undefined);
  setS3Client(undefined);
  await files.close();
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const body = async (response: Response) => ({ status: response.status, json: await response.json() });

const validQuery = (overrides: Record<string, unknown> = {}) => ({
  name: 'Orders in a status',
  description: 'How many orders have a status',
  sql: 'SELECT count(*) AS orders FROM orders_current WHERE status = ?',
  folder: 'Team',
  tags: ['status', 'ops'],
  param_types: ['string'],
  ...overrides,
});

async function waitForFinal(id: string) {
  return waitFor(
    async () => (await body(await getExecution(getRequest(`/api/queries/executions/${id}`), idContext(id)))).json,
    (json) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(json.state),
    20_000,
    `execution ${id} to finish`,
  );
}

async function run(payload: unknown) {
  return body(await runQuery(jsonRequest('POST', '/api/queries/run', payload)));
}

describe('saved queries', () => {
  it('creates, lists, reads, updates and deletes, keeping folder, tags and parameter types', async () => {
    const created = await body(await createQuery(jsonRequest('POST', '/api/queries', validQuery())));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: 'Orders in a status',
      description: 'How many orders have a status',
      folder: 'Team',
      tags: ['status', 'ops'],
      param_types: ['string'],
      built_in: false,
    });
    const id = created.json.id as string;

    const listed = await body(await listQueries(getRequest('/api/queries')));
    expect(listed.json.items.map((q: { id: string }) => q.id)).toContain(id);

    const updated = await body(
      await updateQuery(
        jsonRequest('PUT', `/api/queries/${id}`, validQuery({ name: 'Orders per status', folder: '', tags: [], sql: 'SELECT 1' })),
        idContext(id),
      ),
    );
    expect(updated.json).toMatchObject({ name: 'Orders per status', folder: null, tags: [], param_types: [], sql: 'SELECT 1' });
    expect((await body(await getQuery(getRequest(`/api/queries/${id}`), idContext(id)))).json.name).toBe('Orders per status');

    expect((await deleteQuery(deleteRequest(`/api/queries/${id}`), idContext(id))).status).toBe(204);
    expect(await body(await getQuery(getRequest(`/api/queries/${id}`), idContext(id)))).toMatchObject({
      status: 404,
      json: { error: 'not_found' },
    });
  });

  it('answers readable field errors for bad input and saves nothing', async () => {
    const before = (await body(await listQueries(getRequest('/api/queries')))).json.items.length;
    const first = await body(await createQuery(jsonRequest('POST', '/api/queries', validQuery({ name: 'Unique name' }))));
    expect(first.status).toBe(201);

    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ sql: '   ' }, 'sql', /Write the SQL/],
      [{ name: 'x'.repeat(129) }, 'name', /at most 128/],
      [{ sql: 'DELETE FROM order_changes' }, 'sql', /DELETE changes data/],
      [{ sql: 'SELECT 1; DROP TABLE t' }, 'sql', /one statement/],
      [{ tags: ['has space'] }, 'tags.0', /lower-case/],
      [{ folder: 'a;b' }, 'folder', /cannot contain/],
      [{ description: 'd'.repeat(1020) }, 'description', /1024/],
      [{ param_types: ['float'] }, 'param_types.0', /string, number, date, boolean/],
    ];
    for (const [overrides, field, message] of cases) {
      const answer = await body(await createQuery(jsonRequest('POST', '/api/queries', validQuery(overrides))));
      expect(answer.status, field).toBe(400);
      expect(answer.json.issues, field).toContainEqual({ path: field, message: expect.stringMatching(message) });
    }
    // A taken name alone is a conflict (409); beside other mistakes it is one more field error.
    expect(await body(await createQuery(jsonRequest('POST', '/api/queries', validQuery({ name: 'unique NAME' }))))).toMatchObject({
      status: 409,
      json: { error: 'name_taken', issues: [{ path: 'name', message: expect.stringMatching(/"Unique name" already exists/) }] },
    });
    const both = await body(await createQuery(jsonRequest('POST', '/api/queries', validQuery({ name: 'unique NAME', sql: 'DELETE FROM order_changes' }))));
    expect(both.status).toBe(400);
    expect(both.json.issues.map((i: { path: string }) => i.path).sort()).toEqual(['name', 'sql']);
    expect((await body(await listQueries(getRequest('/api/queries')))).json.items.length).toBe(before + 1);

    const renamed = await body(await createQuery(jsonRequest('POST', '/api/queries', validQuery({ name: 'Other name' }))));
    const clash = await body(
      await updateQuery(jsonRequest('PUT', `/api/queries/${renamed.json.id}`, validQuery({ name: 'Unique name' })), idContext(renamed.json.id)),
    );
    expect(clash).toMatchObject({ status: 409, json: { issues: [{ path: 'name', message: expect.stringMatching(/already exists/) }] } });
    expect((await body(await getQuery(getRequest(`/api/queries/${renamed.json.id}`), idContext(renamed.json.id)))).json.name).toBe('Other name');
  });

  it('creates the built-ins once, however often the launcher runs, and keeps them read-only', async () => {
    const target = { endpoint: athena.gateway.url, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const localBuiltIns = BUILT_IN_QUERIES.filter((q) => !q.awsOnly);
    expect((await createBuiltInQueries(target)).created).toBe(localBuiltIns.length);
    expect((await createBuiltInQueries(target)).created).toBe(0);
    const items = (await body(await listQueries(getRequest('/api/queries')))).json.items as { id: string; name: string; built_in: boolean; folder: string }[];
    const builtIns = items.filter((q) => q.built_in);
    expect(builtIns.map((q) => q.name).sort()).toEqual(localBuiltIns.map((q) => q.name).sort());
    const revenue = builtIns.find((q) => q.name === 'Revenue by day');
    expect(revenue).toMatchObject({ folder: 'Revenue', param_types: ['date', 'date'] });
    const id = revenue?.id ?? '';
    expect(await body(await deleteQuery(deleteRequest(`/api/queries/${id}`), idContext(id)))).toMatchObject({
      status: 409,
      json: { error: 'built_in', message: expect.stringMatching(/Duplicate it/) },
    });
  });
});

describe('running queries', () => {
  it('runs every local built-in on the facade with typed sample parameters', async () => {
    const saved = (await body(await listQueries(getRequest('/api/queries')))).json.items as { id: string; name: string; built_in: boolean; param_types: string[] }[];
    const sample: Record<string, string> = { date: '2026-11-19', string: 'o-0002', number: '1', boolean: 'true' };
    const builtIns = saved.filter((q) => q.built_in);
    expect(builtIns.length).toBeGreaterThan(0);
    for (const query of builtIns) {
      const started = await run({ id: query.id, params: query.param_types.map((t) => sample[t]) });
      expect(started.status, query.name).toBe(200);
      const final = await waitForFinal(started.json.execution_id);
      expect(final, query.name).toMatchObject({ state: 'SUCCEEDED' });
      const results = await body(await getResults(getRequest(`/api/queries/executions/${started.json.execution_id}/results`), idContext(started.json.execution_id)));
      expect(results.json.rows.length, query.name).toBeGreaterThan(0);
    }
  });

  it('runs a saved query with typed parameters: progress, paged results and a CSV of every row', async () => {
    const created = await body(
      await createQuery(
        jsonRequest('POST', '/api/queries', validQuery({
          name: 'Changes since a day',
          sql: 'SELECT order_id, status FROM order_changes WHERE dt >= ? AND total_cents > ? ORDER BY order_id',
          param_types: ['date', 'number'],
        })),
      ),
    );
    const started = await run({ id: created.json.id, params: ['2026-11-19', '0'] });
    expect(started.status).toBe(200);
    const executionId = started.json.execution_id as string;
    const final = await waitForFinal(executionId);
    expect(final).toMatchObject({ state: 'SUCCEEDED', stats: { bytes_scanned: expect.any(Number), elapsed_ms: expect.any(Number) } });
    expect(final.stats.bytes_scanned).toBeGreaterThan(0);

    const rows: string[][] = [];
    let token: string | null = null;
    do {
      const url: string = `/api/queries/executions/${executionId}/results?page_size=100${token ? `&next_token=${encodeURIComponent(token)}` : ''}`;
      const page = await body(await getResults(getRequest(url), idContext(executionId)));
      expect(page.json.columns).toEqual([{ name: 'order_id', type: 'varchar' }, { name: 'status', type: 'varchar' }]);
      rows.push(...page.json.rows);
      token = page.json.next_token;
    } while (token);
    expect(rows).toHaveLength(ORDER_COUNT);

    const csv = await getCsv(getRequest(`/api/queries/executions/${executionId}/results.csv`), idContext(executionId));
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toMatch(/attachment; filename="query-.*\.csv"/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('order_id,status');
    expect(lines.slice(1)).toEqual(rows.map((r) => r.join(',')));
  });

  it('exports a CSV a spreadsheet shows as text: formula-looking cells neutralised, numbers kept', async () => {
    const started = await run({
      sql: `SELECT '=HYPERLINK("http://evil.example","x")' AS customer_name, '+cmd|calc' AS item, '@SUM(A1)' AS note, -5 AS n, -2.5 AS d`,
    });
    const final = await waitForFinal(started.json.execution_id);
    expect(final.state).toBe('SUCCEEDED');
    const id = started.json.execution_id as string;
    const text = await (await getCsv(getRequest(`/api/queries/executions/${id}/results.csv`), idContext(id))).text();
    expect(text.split('\r\n')).toEqual([
      'customer_name,item,note,n,d',
      `"'=HYPERLINK(""http://evil.example"",""x"")",'+cmd|calc,'@SUM(A1),-5,-2.5`,
      '',
    ]);
  });

  it('runs ad-hoc SQL and lists it in the history with its parameters', async () => {
    const started = await run({ sql: 'SELECT status, count(*) AS n FROM orders_current WHERE status = ? GROUP BY 1', params: ['paid'] });
    const final = await waitForFinal(started.json.execution_id);
    expect(final.state).toBe('SUCCEEDED');
    const results = await body(await getResults(getRequest(`/api/queries/executions/${started.json.execution_id}/results`), idContext(started.json.execution_id)));
    expect(results.json.rows).toEqual([['paid', String(ORDER_COUNT / 2)]]);
    const history = await body(await listHistory(getRequest('/api/queries/executions')));
    expect(history.json.items[0]).toMatchObject({
      id: started.json.execution_id,
      state: 'SUCCEEDED',
      sql: expect.stringContaining('FROM orders_current'),
      params: ["'paid'"],
    });
  });

  it('refuses wrong parameters and write statements before Athena sees them', async () => {
    const historyBefore = (await body(await listHistory(getRequest('/api/queries/executions')))).json.items.length;
    expect(await run({ sql: 'SELECT ? AS a, ? AS b', params: ['x'] })).toMatchObject({
      status: 400,
      json: { issues: [{ path: 'params', message: 'The query has 2 ? placeholders but 1 value was given' }] },
    });
    expect(await run({ sql: 'SELECT ? AS a', params: ['soon'], param_types: ['date'] })).toMatchObject({
      status: 400,
      json: { issues: [{ path: 'params.0', message: 'Parameter 1 (date): Must be a date as YYYY-MM-DD, not "soon"' }] },
    });
    expect(await run({ sql: 'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x' })).toMatchObject({
      status: 400,
      json: { issues: [{ path: 'sql', message: expect.stringMatching(/feeds an INSERT/) }] },
    });
    expect(await run({ sql: 'SELECT 1', id: 'x' })).toMatchObject({ status: 400, json: { issues: [{ path: 'sql' }] } });
    expect(await run({ id: '00000000-0000-0000-0000-000000000000' })).toMatchObject({ status: 404 });
    expect((await body(await listHistory(getRequest('/api/queries/executions')))).json.items.length).toBe(historyBefore);
  });

  it('reports an engine failure as a readable reason and refuses its results', async () => {
    const started = await run({ sql: 'SELECT no_such_column FROM orders_current' });
    const final = await waitForFinal(started.json.execution_id);
    expect(final).toMatchObject({ state: 'FAILED', reason: expect.stringMatching(/COLUMN_NOT_FOUND|no_such_column/) });
    expect(await body(await getResults(getRequest(`/api/queries/executions/${started.json.execution_id}/results`), idContext(started.json.execution_id)))).toMatchObject({
      status: 409,
      json: { error: 'not_ready', message: expect.stringMatching(/^The query failed/) },
    });
    expect((await getExecution(getRequest('/api/queries/executions/nope'), idContext('nope'))).status).toBe(404);
  });

  it('cancels a running query with StopQueryExecution', async () => {
    const started = await run({ sql: SLOW_QUERY });
    const executionId = started.json.execution_id as string;
    const cancelled = await body(await cancelExecution(jsonRequest('POST', `/api/queries/executions/${executionId}/cancel`), idContext(executionId)));
    expect(cancelled.status).toBe(200);
    expect((await waitForFinal(executionId)).state).toBe('CANCELLED');
  });
});

describe('schema and cost pre-check', () => {
  it('lists tables and columns through ListTableMetadata', async () => {
    const { json } = await body(await getSchema(getRequest('/api/queries/schema')));
    expect(json.tables.map((t: { name: string; kind: string }) => [t.name, t.kind])).toEqual([
      ['order_changes', 'table'],
      ['order_changes_v1', 'table'],
      ['orders_current', 'view'],
      ['order_change_errors', 'table'],
    ]);
    expect(json.tables[0].columns).toContainEqual({ name: 'dt', type: 'string', partition: true });
  });

  it('warns about a change-log scan without dt, with the bytes S3 lists for its partitions', async () => {
    const dir = path.join(athena.dataDir, 's3', changeLogBucket.name, changeLogBucket.tablePrefix);
    const sizeOf = async (dt: string) => (await fs.stat(path.join(dir, `dt=${dt}`, dt === '2026-11-19' ? 'a' : 'b'))).size;
    const [a, b] = await Promise.all([sizeOf('2026-11-19'), sizeOf('2026-11-20')]);

    const whole = await body(await checkQuery(jsonRequest('POST', '/api/queries/check', { sql: 'SELECT count(*) FROM order_changes' })));
    expect(whole.json).toMatchObject({
      allowed: true,
      placeholders: 0,
      cutoff_bytes: null,
      scan: { reads_change_log: true, dt_filtered: false, partitions_total: 2, estimated_bytes: a + b },
    });
    expect(whole.json.scan.warning).toMatch(/whole change log/);

    const oneDay = await body(
      await checkQuery(jsonRequest('POST', '/api/queries/check', { sql: 'SELECT * FROM order_changes WHERE dt = ?', params: ['2026-11-20'] })),
    );
    expect(oneDay.json.scan).toMatchObject({ dt_filtered: true, estimated_bytes: b, partitions_scanned: 1, warning: null });

    const refused = await body(await checkQuery(jsonRequest('POST', '/api/queries/check', { sql: 'DROP TABLE x' })));
    expect(refused.json).toMatchObject({ allowed: false, reason: expect.stringMatching(/DROP/) });
  });
});

describe('the workgroup cutoff', () => {
  it('shows the bytes-scanned limit when the workgroup cancels a query', async () => {
    const limited = await startAthenaHarness({ bytesScannedCutoffPerQuery: 100 });
    try {
      await writeChangeFile(limited.dataDir, '2026-11-20', 'c', [changeRow({ order_id: 'o-1' }), changeRow({ order_id: 'o-2' })]);
      setAthenaClient(limited.client);
      const started = await run({ sql: 'SELECT count(*) FROM order_changes' });
      const final = await waitForFinal(started.json.execution_id);
      expect(final).toMatchObject({ state: 'CANCELLED', reason: expect.stringMatching(/Bytes scanned limit/), bytes_scanned_cutoff: 100 });
    } finally {
      setAthenaClient(athena.client);
      await limited.stop();
      await removeDataDir(limited.dataDir);
    }
  });
});

describe('when Athena is unreachable', () => {
  it('answers 503 with a readable message and no SDK details', async () => {
    const unreachable = new AthenaClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    setAthenaClient(unreachable);
    try {
      for (const response of [await listQueries(getRequest('/api/queries')), await runQuery(jsonRequest('POST', '/api/queries/run', { sql: 'SELECT 1' }))]) {
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('2');
        expect(await response.json()).toEqual({ error: 'unavailable', message: 'Athena is unreachable right now. Try again in a moment.' });
      }
    } finally {
      unreachable.destroy();
      setAthenaClient(athena.client);
    }
  });
});
