import {
  GetQueryResultsCommand,
  InvalidRequestException,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  removeDataDir,
  runQuery,
  SLOW_QUERY,
  startAndWait,
  startAthenaHarness,
  waitForState,
  type AthenaHarness,
} from '@/test/support/athena';

let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const results = (QueryExecutionId: string, extra: { MaxResults?: number; NextToken?: string } = {}) =>
  athena.client.send(new GetQueryResultsCommand({ QueryExecutionId, ...extra }));

describe('GetQueryResults', () => {
  it('starts the first page with a header row, gives every value as a string and NULL as an empty Datum', async () => {
    const execution = await startAndWait(
      athena.client,
      `SELECT 'EU' AS region, 12 AS orders, CAST(12.5 AS DOUBLE) AS avg_total, true AS paid, NULL AS nothing, '' AS empty,
              DATE '2026-11-20' AS day, TIMESTAMP '2026-11-20 10:00:00.5' AS ts, [1, 2] AS ids, {'sku': 'A', 'qty': 2} AS item,
              CAST(19.99 AS DECIMAL(10, 2)) AS price, 7 / 2 AS half, count(*) OVER () AS total, 'say "hi", bye' AS quoted`,
    );
    const page = await results(execution.QueryExecutionId as string);
    const [header, row] = page.ResultSet?.Rows ?? [];
    expect(header?.Data?.map((d) => d.VarCharValue)).toEqual([
      'region',
      'orders',
      'avg_total',
      'paid',
      'nothing',
      'empty',
      'day',
      'ts',
      'ids',
      'item',
      'price',
      'half',
      'total',
      'quoted',
    ]);
    expect(row?.Data).toEqual([
      { VarCharValue: 'EU' },
      { VarCharValue: '12' },
      { VarCharValue: '12.5' },
      { VarCharValue: 'true' },
      {},
      { VarCharValue: '' },
      { VarCharValue: '2026-11-20' },
      { VarCharValue: '2026-11-20 10:00:00.500' },
      { VarCharValue: '[1, 2]' },
      { VarCharValue: '{sku=A, qty=2}' },
      { VarCharValue: '19.99' },
      { VarCharValue: '3' },
      { VarCharValue: '1' },
      { VarCharValue: 'say "hi", bye' },
    ]);
    const columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
    expect(columns.map((c) => c.Type)).toEqual([
      'varchar',
      'integer',
      'double',
      'boolean',
      'integer',
      'varchar',
      'date',
      'timestamp',
      'array',
      'row',
      'decimal',
      'integer',
      'bigint',
      'varchar',
    ]);
    expect(columns[0]).toMatchObject({
      Name: 'region',
      Label: 'region',
      CatalogName: 'hive',
      Nullable: 'UNKNOWN',
      CaseSensitive: true,
    });
    expect(columns[10]).toMatchObject({ Precision: 10, Scale: 2 });
    expect(page.UpdateCount).toBe(0);
    expect(page.NextToken).toBeUndefined();
  });

  it('names unnamed expressions _colN, as Trino does', async () => {
    const { rows } = await runQuery(
      athena.client,
      "SELECT t.x, upper(x), 1 + 1 AS Two FROM (VALUES ('a')) t(x)",
    );
    expect(rows[0]).toEqual(['x', '_col1', 'two']);
    const values = await runQuery(athena.client, 'VALUES (1, 2)');
    expect(values.rows[0]).toEqual(['_col0', '_col1']);
  });

  it('pages with MaxResults and NextToken; the header counts towards the first page', async () => {
    const execution = await startAndWait(athena.client, 'SELECT n FROM UNNEST(sequence(0, 24)) AS t(n) ORDER BY n');
    const id = execution.QueryExecutionId as string;
    const first = await results(id, { MaxResults: 10 });
    expect(first.ResultSet?.Rows?.map((r) => r.Data?.[0]?.VarCharValue)).toEqual([
      'n',
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
    ]);
    expect(first.NextToken).toBeDefined();
    const second = await results(id, { MaxResults: 10, NextToken: first.NextToken });
    expect(second.ResultSet?.Rows?.map((r) => r.Data?.[0]?.VarCharValue)).toEqual([
      '9',
      '10',
      '11',
      '12',
      '13',
      '14',
      '15',
      '16',
      '17',
      '18',
    ]);
    expect(second.ResultSet?.ResultSetMetadata?.ColumnInfo?.[0]?.Name).toBe('n');
    const third = await results(id, { MaxResults: 10, NextToken: second.NextToken });
    expect(third.ResultSet?.Rows?.map((r) => r.Data?.[0]?.VarCharValue)).toEqual([
      '19',
      '20',
      '21',
      '22',
      '23',
      '24',
    ]);
    expect(third.NextToken).toBeUndefined();
  });

  it('returns at most 1000 rows a page by default and refuses MaxResults over 1000', async () => {
    const execution = await startAndWait(athena.client, 'SELECT n FROM UNNEST(sequence(0, 1499)) AS t(n)');
    const id = execution.QueryExecutionId as string;
    const first = await results(id);
    expect(first.ResultSet?.Rows).toHaveLength(1000);
    const second = await results(id, { NextToken: first.NextToken });
    expect(second.ResultSet?.Rows).toHaveLength(501);
    await expect(results(id, { MaxResults: 1001 })).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringMatching(/maxResults.*less than or equal to 1000/),
    });
    await expect(results(id, { MaxResults: 0 })).rejects.toThrow(InvalidRequestException);
    await expect(results(id, { NextToken: 'not-a-token' })).rejects.toThrow(/NextToken is not valid/);
  });

  it('gives an empty result just its header', async () => {
    const { rows } = await runQuery(athena.client, 'SELECT order_id FROM orders_current');
    expect(rows).toEqual([['order_id']]);
  });

  it('refuses results of a query that has not finished or did not succeed', async () => {
    const { QueryExecutionId } = await athena.client.send(
      new StartQueryExecutionCommand({ QueryString: SLOW_QUERY }),
    );
    const id = QueryExecutionId as string;
    await waitForState(athena.client, id, ['RUNNING']);
    await expect(results(id)).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'Query has not yet finished. Current state: RUNNING',
    });
    await athena.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    await waitForState(athena.client, id);
    await expect(results(id)).rejects.toThrow(
      /Query did not finish successfully. Final query state: CANCELLED/,
    );
    const failed = await startAndWait(athena.client, 'SELECT FROM WHERE');
    await expect(results(failed.QueryExecutionId as string)).rejects.toThrow(/Final query state: FAILED/);
    await expect(results('no-such-id')).rejects.toThrow(/QueryExecution no-such-id was not found/);
  });

  it('pages EXPLAIN output as one Query Plan column', async () => {
    const { rows, execution } = await runQuery(athena.client, 'EXPLAIN SELECT count(*) FROM orders_current');
    expect(execution.StatementType).toBe('UTILITY');
    expect(rows[0]).toEqual(['Query Plan']);
    expect(rows.length).toBeGreaterThan(2);
  });
});
