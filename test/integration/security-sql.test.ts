import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeRow, removeDataDir, runQuery, startAndWait, startAthenaHarness, writeChangeFile, type AthenaHarness } from '@/test/support/athena';

/**
 * A corpus of hostile SQL against the local Athena API, through the SDK: every statement kind it
 * refuses, DuckDB's own functions, file and network access, and multi-statement tricks. Each must
 * end FAILED with the reason it was refused, and the change log must be intact afterwards.
 */

let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
  await writeChangeFile(athena.dataDir, '2026-11-20', 'part-1', [changeRow({ order_id: 'sec-1' }), changeRow({ order_id: 'sec-2' })]);
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

async function refusal(sql: string, input = {}) {
  const execution = await startAndWait(athena.client, sql, input);
  expect(execution.Status?.State, sql).toBe('FAILED');
  return execution.Status?.StateChangeReason ?? '';
}

const notRegistered = (name: string) => new RegExp(`^FUNCTION_NOT_FOUND: line \\d+:\\d+: (Table function|Function) '${name}' not registered$`);

describe('hostile SQL ends FAILED with its reason', () => {
  it.each([
    // Writes and DDL.
    ["INSERT INTO order_changes (order_id) VALUES ('x')", /read-only, so INSERT statements are not run/],
    ["UPDATE order_changes SET status = 'x'", /read-only, so UPDATE statements are not run/],
    ['DELETE FROM order_changes', /read-only, so DELETE statements are not run/],
    ['MERGE INTO order_changes USING order_changes s ON true WHEN MATCHED THEN DELETE', /read-only|not supported/],
    ['CREATE TABLE copy AS SELECT * FROM order_changes', /read-only, so CREATE statements are not run/],
    ['DROP TABLE order_changes', /read-only, so DROP statements are not run/],
    ['ALTER TABLE order_changes ADD COLUMNS (x string)', /read-only, so ALTER statements are not run/],
    ["UNLOAD (SELECT 1) TO 's3://bucket/x' WITH (format = 'CSV')", /read-only|not supported/],
    // DuckDB's own statements.
    ["COPY (SELECT 1) TO '/tmp/out.csv'", /COPY statements are not supported/],
    ["ATTACH '/tmp/other.db'", /ATTACH statements are not supported/],
    ["INSTALL httpfs", /INSTALL statements are not supported/],
    ["LOAD httpfs", /LOAD statements are not supported/],
    ['SET threads = 1', /SET statements are not supported/],
    ["PRAGMA database_list", /PRAGMA statements are not supported/],
    ["EXPORT DATABASE '/tmp/x'", /EXPORT statements are not supported|not supported/],
    ['CHECKPOINT', /not supported/],
    // Multi-statement tricks.
    ['SELECT 1; DROP TABLE order_changes', /Only one sql statement is allowed/],
    ["SELECT 1; ATTACH '/tmp/x.db'", /Only one sql statement is allowed/],
    ['SELECT 1 /* ; */; SELECT 2', /Only one sql statement is allowed/],
    ['SUMMARIZE order_changes', /not supported/],
    ['PIVOT order_changes ON status USING count(*)', /not supported/],
    ['CALL duckdb_settings()', /not supported/],
    // DESCRIBE takes a table, as Athena's does: a query after it is not run.
    ["DESCRIBE SELECT current_setting('threads')", /^SYNTAX_ERROR: /],
  ])('refuses %j', async (sql, reason) => {
    expect(await refusal(sql)).toMatch(reason);
  });

  it.each([
    ['SELECT * FROM duckdb_settings()', 'duckdb_settings'],
    ["SELECT current_setting('threads')", 'current_setting'],
    ["SELECT * FROM query('SELECT 1')", 'query'],
    ["SELECT * FROM query_table('order_changes')", 'query_table'],
    ['SELECT * FROM duckdb_tables()', 'duckdb_tables'],
    ["SELECT * FROM read_text('/etc/hostname')", 'read_text'],
    ["SELECT * FROM read_csv('/etc/passwd')", 'read_csv'],
    ["SELECT * FROM read_parquet('s3://other-bucket/x.parquet')", 'read_parquet'],
    ["SELECT * FROM read_json('https://example.com/x.json')", 'read_json'],
    ["SELECT * FROM glob('/*')", 'glob'],
    ["SELECT getenv('HOME')", 'getenv'],
    ["SELECT 'threads'.current_setting()", 'current_setting'],
    ["SELECT main.current_setting('threads')", 'main.current_setting'],
    ["SELECT 'a' ILIKE current_setting('threads')", 'current_setting'],
    ["SELECT order_id FROM order_changes WHERE order_id IN (SELECT * FROM query('SELECT 1'))", 'query'],
    ["EXPLAIN SELECT * FROM duckdb_settings()", 'duckdb_settings'],
    ["SELECT * FROM order_changes o, LATERAL (SELECT current_setting('threads'))", 'current_setting'],
    ["WITH s AS (SELECT * FROM duckdb_settings()) SELECT * FROM s", 'duckdb_settings'],
  ])('refuses the engine internal %j', async (sql, name) => {
    expect(await refusal(sql)).toMatch(notRegistered(name));
  });

  it('refuses a function hidden in a bound parameter only where it is code, not text', async () => {
    // A parameter is a literal: its text never becomes a call.
    const rows = (await runQuery(athena.client, 'SELECT ? AS v', { ExecutionParameters: ["'current_setting(''threads'')'"] })).rows;
    expect(rows[1]).toEqual(["current_setting('threads')"]);
  });

  it('reads no file outside the change log by a path in FROM', async () => {
    expect(await refusal("SELECT * FROM '/etc/passwd'")).toMatch(/PERMISSION_DENIED|TABLE_NOT_FOUND|not allowed|disabled/);
  });

  it('still has the change log, unchanged', async () => {
    const { rows } = await runQuery(athena.client, 'SELECT count(*) FROM order_changes');
    expect(rows[1]).toEqual(['2']);
  });
});
