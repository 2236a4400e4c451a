import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetQueryExecutionCommand, StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { GET as getExecution } from '@/app/api/queries/executions/[id]/route';
import { GET as listHistory } from '@/app/api/queries/executions/route';
import { POST as runQuery } from '@/app/api/queries/run/route';
import { setAthenaClient } from '@/lib/aws/athena';
import { getRequest, idContext, jsonRequest, type As } from '@/test/support/api';
import { removeDataDir, startAthenaHarness, type AthenaHarness } from '@/test/support/athena';
import { waitFor } from '@/test/support/wait';

/** Who ran what: the run marker written by the server, read back through the real Athena API. */
let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
  setAthenaClient(athena.client);
});

afterAll(async () => {
  setAthenaClient(undefined);
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const body = async (response: Response) => ({ status: response.status, json: await response.json() });
type Entry = { id: string; sql: string; run_by: string | null; state: string; reason: string | null };

async function run(sql: string, as: As, params: unknown[] = []) {
  const started = await body(await runQuery(jsonRequest('POST', '/api/queries/run', { sql, params }, {}, as)));
  expect(started.status, sql).toBe(200);
  const id = started.json.execution_id as string;
  await waitFor(
    async () => (await body(await getExecution(getRequest(`/api/queries/executions/${id}`, as), idContext(id)))).json,
    (json) => ['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(json.state),
    20_000,
    `execution ${id}`,
  );
  return id;
}

const history = async (as: As, query = '') =>
  body(await listHistory(getRequest(`/api/queries/executions${query}`, as)));
const ids = (items: Entry[]) => items.map((e) => e.id);

describe('execution history by who ran it', () => {
  let analystRuns: string[];
  let otherRuns: string[];

  beforeAll(async () => {
    analystRuns = [await run('SELECT 1 AS analyst_one', 'analyst'), await run('SELECT ? AS analyst_two', 'analyst', [2])];
    // A run that tries to pass itself off as the analyst's with a marker line of its own.
    otherRuns = [await run('-- sales-cdc run by analyst\nSELECT 3 AS forged', 'analyst2')];
  });

  it('shows each user only their own runs by default, newest first, without the marker', async () => {
    const mine = await history('analyst');
    expect(mine.status).toBe(200);
    expect(ids(mine.json.items)).toEqual([...analystRuns].reverse());
    expect(mine.json.items.map((e: Entry) => [e.sql, e.run_by])).toEqual([
      ['SELECT ? AS analyst_two', 'analyst'],
      ['SELECT 1 AS analyst_one', 'analyst'],
    ]);
    expect(await history('analyst', '?scope=mine')).toEqual(mine);

    const theirs = await history('analyst2');
    expect(ids(theirs.json.items)).toEqual(otherRuns);
    // The forged line is the user's SQL, shown as written; it did not make the run the analyst's.
    expect(theirs.json.items[0]).toMatchObject({ run_by: 'analyst2', sql: '-- sales-cdc run by analyst\nSELECT 3 AS forged' });
    expect((await history('admin')).json.items).toEqual([]);
  });

  it('shows everyone’s runs to both with scope=all', async () => {
    for (const as of ['analyst', 'analyst2'] as const) {
      const all = await history(as, '?scope=all');
      expect(all.status).toBe(200);
      expect(ids(all.json.items), as).toEqual([...analystRuns, ...otherRuns].reverse());
      expect(all.json.items.map((e: Entry) => e.run_by), as).toEqual(['analyst2', 'analyst', 'analyst']);
    }
  });

  it('lists queries the library did not start under everyone, by nobody', async () => {
    const { QueryExecutionId } = await athena.client.send(
      new StartQueryExecutionCommand({ QueryString: 'SELECT 4 AS from_the_console', WorkGroup: 'primary' }),
    );
    await waitFor(
      async () => (await athena.client.send(new GetQueryExecutionCommand({ QueryExecutionId }))).QueryExecution?.Status?.State,
      (state) => state === 'SUCCEEDED',
      20_000,
      'the console query',
    );
    expect((await history('analyst', '?scope=all')).json.items[0]).toMatchObject({ id: QueryExecutionId, run_by: null, sql: 'SELECT 4 AS from_the_console' });
    expect(ids((await history('analyst')).json.items)).not.toContain(QueryExecutionId);
  });

  it('keeps Athena’s own record of the marker, and reports error lines of the caller’s SQL', async () => {
    const stored = await athena.client.send(new GetQueryExecutionCommand({ QueryExecutionId: analystRuns[0] }));
    expect(stored.QueryExecution?.Query).toBe('-- sales-cdc run by analyst\nSELECT 1 AS analyst_one');

    const failed = await run('SELECT 1\nFROM orders_current\nWHERE no_such_column = 1', 'analyst');
    const status = await body(await getExecution(getRequest(`/api/queries/executions/${failed}`, 'analyst'), idContext(failed)));
    expect(status.json).toMatchObject({ state: 'FAILED', run_by: 'analyst', sql: 'SELECT 1\nFROM orders_current\nWHERE no_such_column = 1' });
    expect(status.json.reason).toMatch(/line 3:/);
    expect((await history('analyst')).json.items[0]).toMatchObject({ id: failed, reason: expect.stringMatching(/line 3:/) });
  });

  it('refuses an unknown scope with 400', async () => {
    for (const scope of ['everyone', 'MINE', 'mine,all']) {
      expect(await history('analyst', `?scope=${scope}`)).toMatchObject({
        status: 400,
        json: { error: 'validation', issues: [{ path: 'scope', message: expect.stringMatching(/mine .* or all/) }] },
      });
    }
  });
});
