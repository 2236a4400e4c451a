import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAthenaClient } from '@/lib/aws/athena';
import {
  AthenaQueryFailed,
  getResultsPage,
  readAllResultPages,
  runQuery,
  startQuery,
  waitForQuery,
} from '@/lib/analytics/runner';
import { changeRow, removeDataDir, startAthenaHarness, writeChangeFile, type AthenaHarness } from '@/test/support/athena';

let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
  setAthenaClient(athena.client);
  const rows = Array.from({ length: 25 }, (_, i) =>
    changeRow({ order_id: `o-${String(i).padStart(2, '0')}`, change_time: '2026-11-20T10:00:00.000Z', total_cents: 100 + i }),
  );
  await writeChangeFile(athena.dataDir, '2026-11-20', 'runner', rows);
});

afterAll(async () => {
  setAthenaClient(undefined);
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

describe('the Athena runner', () => {
  it('runs a parameterised query and returns typed columns without the header row', async () => {
    const result = await runQuery(
      'SELECT order_id, total_cents FROM sales_cdc.order_changes WHERE total_cents >= ? AND order_id <> ? ORDER BY order_id',
      { params: [120, "o-2'1"] },
    );
    expect(result.columns).toEqual([
      { name: 'order_id', type: 'varchar' },
      { name: 'total_cents', type: 'bigint' },
    ]);
    expect(result.rows.map((r) => r[0])).toEqual(['o-20', 'o-21', 'o-22', 'o-23', 'o-24']);
    expect(result.stats.bytes_scanned).toBeGreaterThan(0);
  });

  it('treats a parameter holding a quote as a value, not as SQL', async () => {
    const result = await runQuery('SELECT count(*) AS n FROM sales_cdc.order_changes WHERE order_id = ?', {
      params: ["o-01' OR '1'='1"],
    });
    expect(result.rows).toEqual([['0']]);
  });

  it('pages through every row, header removed only from the first page', async () => {
    const id = await startQuery('SELECT order_id FROM sales_cdc.order_changes ORDER BY order_id');
    await waitForQuery(id);
    const first = await getResultsPage(id, { maxResults: 10 });
    expect(first.rows[0]).toEqual(['o-00']);
    const seen: string[] = [];
    for await (const page of readAllResultPages(id, 7)) seen.push(...page.rows.map((r) => r[0] ?? ''));
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
  });

  it('keeps SHOW results whole (they have no header row)', async () => {
    const result = await runQuery('SHOW TABLES IN sales_cdc');
    expect(result.rows.flat()).toEqual(expect.arrayContaining(['order_changes']));
  });

  it('raises AthenaQueryFailed with the engine reason for bad SQL', async () => {
    const failure = await runQuery('SELECT no_such_column FROM sales_cdc.order_changes').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AthenaQueryFailed);
    expect((failure as AthenaQueryFailed).state).toBe('FAILED');
    expect((failure as AthenaQueryFailed).reason).toMatch(/no_such_column/);
  });
});
