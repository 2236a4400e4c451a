import { describe, expect, it } from 'vitest';
import { ATHENA_FUNCTIONS } from '@/local/athena/sql/athena-functions';
import { DialectError } from '@/local/athena/sql/dialect-error';
import { refuseNonAthenaFunctions } from '@/local/athena/sql/function-check';

function refusal(sql: string): { code: string; message: string; at: string } {
  try {
    refuseNonAthenaFunctions(sql);
  } catch (error) {
    expect(error).toBeInstanceOf(DialectError);
    const e = error as DialectError;
    return { code: e.code, message: e.message, at: sql.slice(e.offset, e.offset + 12) };
  }
  throw new Error(`accepted: ${sql}`);
}

describe('only Athena functions reach the local engine', () => {
  it.each([
    "SELECT date_trunc('day', order_date), count(*), sum(total_cents) FROM orders_current GROUP BY 1",
    'WITH t(a, b) AS (SELECT 1, 2), u (c) AS (SELECT 3) SELECT * FROM t, u',
    'SELECT sku FROM orders_current CROSS JOIN UNNEST(items) AS t(sku, name, category, quantity, unit_price_cents)',
    'SELECT x FROM UNNEST(sequence(1, 3)) t(x)',
    'SELECT a FROM orders_current o(a)',
    'SELECT a FROM sales_cdc.orders_current o(a), order_changes c(b)',
    'SELECT CAST(x AS decimal(10, 2)), CAST(y AS ARRAY(ROW(a VARCHAR, b DECIMAL(10, 2)))), TRY_CAST(z AS varchar(3))',
    'SELECT count(*) FILTER (WHERE status = ?), listagg(sku, \',\') WITHIN GROUP (ORDER BY sku) FROM t',
    'SELECT row_number() OVER (PARTITION BY a ORDER BY b), rank() OVER w FROM t WINDOW w AS (ORDER BY a)',
    'SELECT 1 WHERE 1 IN (1, 2) AND EXISTS (SELECT 1) AND NOT (1 = 2)',
    'VALUES (1), (2)',
    'SELECT a, count(*) FROM t GROUP BY GROUPING SETS ((a), ())',
    'SELECT "lower"(\'A\'), ST_Point(1, 2), transform(ARRAY[1, 2], x -> x + 1), map(ARRAY[\'a\'], ARRAY[1])',
    'SELECT * FROM a JOIN b USING (id)',
    'EXPLAIN (TYPE LOGICAL) SELECT 1',
    "SELECT if(x > 1, 'a', 'b'), coalesce(y, 0), try(1 / 0), regexp_like(s, 'a'), json_extract_scalar(j, '$.a')",
    'INSERT INTO sales_cdc.order_changes (order_id) SELECT 1',
    "SELECT 'duckdb_settings()' AS looks_like_a_call_but_is_text -- current_setting('x')",
  ])('lets %j through', (sql) => {
    expect(() => refuseNonAthenaFunctions(sql)).not.toThrow();
  });

  it.each([
    ['SELECT * FROM duckdb_settings()', "Table function 'duckdb_settings' not registered"],
    ["SELECT current_setting('threads')", "Function 'current_setting' not registered"],
    ["SELECT * FROM query('SELECT 1')", "Table function 'query' not registered"],
    ["SELECT * FROM query_table('orders_current')", "Table function 'query_table' not registered"],
    ["SELECT * FROM read_parquet('/etc/passwd')", "Table function 'read_parquet' not registered"],
    ["SELECT * FROM t JOIN read_csv('x') ON true", "Table function 'read_csv' not registered"],
    ["SELECT * FROM t CROSS JOIN LATERAL query('SELECT 1')", "Table function 'query' not registered"],
    ["SELECT 'threads'.current_setting()", "Function 'current_setting' not registered"],
    ["SELECT main.current_setting('threads')", "Function 'main.current_setting' not registered"],
    ["SELECT 'a' ILIKE current_setting('x')", "Function 'current_setting' not registered"],
    ["SELECT now() AT TIME ZONE current_setting('TimeZone')", "Function 'current_setting' not registered"],
    ["SELECT COLUMNS('a') FROM t", "Function 'columns' not registered"],
    ['SELECT "duckdb_settings"()', "Function 'duckdb_settings' not registered"],
    ['SELECT list_transform([1], x -> x)', "Function 'list_transform' not registered"],
    ["SELECT 1; SELECT CURRENT_SETTING ('threads')", "Function 'current_setting' not registered"],
    ['SELECT version(), 1', "Function 'version' not registered"],
    ["/* c */ SELECT/**/pragma_version()", "Function 'pragma_version' not registered"],
    ['SELECT * FROM range(10)', "Table function 'range' not registered"],
  ])('refuses %j with FUNCTION_NOT_FOUND', (sql, message) => {
    const found = refusal(sql);
    expect(found.code).toBe('FUNCTION_NOT_FOUND');
    expect(found.message).toBe(message);
    // The position is the function's name, as Athena reports it.
    expect(found.at.toLowerCase()).toMatch(/^[a-z"']/);
  });

  it('points at the refused name', () => {
    const sql = "SELECT 1,\n  current_setting('x')";
    try {
      refuseNonAthenaFunctions(sql);
      throw new Error('accepted');
    } catch (error) {
      expect((error as DialectError).offset).toBe(sql.indexOf('current_setting'));
    }
  });

  it('lists only lower-case names, and no DuckDB internals', () => {
    for (const name of ATHENA_FUNCTIONS) expect(name).toMatch(/^[a-z0-9_]+$/);
    for (const internal of ['query', 'query_table', 'current_setting', 'duckdb_settings', 'read_parquet', 'glob', 'range', 'version']) {
      expect(ATHENA_FUNCTIONS.has(internal)).toBe(false);
    }
  });
});
