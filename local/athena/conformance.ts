import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type AthenaClient,
} from '@aws-sdk/client-athena';

/**
 * What analysts copy from Athena's documentation, with the result Athena (engine 3, Trino) prints
 * for it, most from the examples in the Trino and Athena function references. The local engine is
 * held to this table (test/integration/athena-conformance.test.ts) and `npm run bench` reports how
 * many pass. Values are as GetQueryResults returns them: strings, NULL as null, header row left out.
 */

export type ConformanceCase = {
  /** What the case proves, in the words of DIALECT.md. */
  feature: string;
  sql: string;
} & ({ rows: (string | null)[][] } | { fails: RegExp });

const row = (...values: (string | null)[]) => values;
const one = (value: string | null) => [[value]];

const SAMPLE = "'1a 2b 14m'";

export const CONFORMANCE: readonly ConformanceCase[] = [
  // Dates and times
  { feature: 'date_trunc', sql: "SELECT date_trunc('month', TIMESTAMP '2001-08-22 03:04:05.321')", rows: one('2001-08-01 00:00:00.000') },
  { feature: 'date_trunc of a date', sql: "SELECT date_trunc('year', DATE '2001-08-22')", rows: one('2001-01-01') },
  { feature: 'date_format (MySQL codes)', sql: "SELECT date_format(TIMESTAMP '2022-10-20 05:10:00', '%m-%d-%Y %H')", rows: one('10-20-2022 05') },
  { feature: 'format_datetime (Joda pattern)', sql: "SELECT format_datetime(TIMESTAMP '2001-08-22 03:04:05.321', 'yyyy-MM-dd HH:mm:ss.SSS')", rows: one('2001-08-22 03:04:05.321') },
  { feature: 'format_datetime names', sql: "SELECT format_datetime(TIMESTAMP '2026-12-07 09:05:00', 'EEE, d MMM yyyy h:mm a')", rows: one('Mon, 7 Dec 2026 9:05 AM') },
  { feature: 'date_parse', sql: "SELECT date_parse('2022/10/20/05', '%Y/%m/%d/%H')", rows: one('2022-10-20 05:00:00.000') },
  { feature: 'date_add', sql: "SELECT date_add('day', 1, TIMESTAMP '2001-08-22 03:04:05.321')", rows: one('2001-08-23 03:04:05.321') },
  { feature: 'date_add of a month, clamped', sql: "SELECT date_add('month', 1, DATE '2001-01-31')", rows: one('2001-02-28') },
  { feature: 'date_diff', sql: "SELECT date_diff('day', TIMESTAMP '2020-03-01 00:00:00', TIMESTAMP '2020-03-02 00:00:00')", rows: one('1') },
  { feature: 'date_diff in whole units', sql: "SELECT date_diff('hour', TIMESTAMP '2020-03-01 10:30:00', TIMESTAMP '2020-03-01 12:29:00')", rows: one('1') },
  { feature: 'from_iso8601_timestamp', sql: "SELECT from_iso8601_timestamp('2020-05-11T11:15:05.055Z')", rows: one('2020-05-11 11:15:05.055 UTC') },
  { feature: 'from_unixtime', sql: 'SELECT from_unixtime(1589195705)', rows: one('2020-05-11 11:15:05.000 UTC') },
  { feature: 'to_unixtime', sql: "SELECT to_unixtime(from_iso8601_timestamp('2020-05-11T11:15:05.055Z'))", rows: one('1.589195705055E9') },
  { feature: 'day_of_week (Monday is 1)', sql: "SELECT day_of_week(DATE '2026-12-07'), day_of_week(DATE '2026-12-06')", rows: [row('1', '7')] },
  { feature: 'extract', sql: "SELECT extract(YEAR FROM TIMESTAMP '2001-08-22 03:04:05.321'), extract(HOUR FROM TIMESTAMP '2001-08-22 03:04:05.321')", rows: [row('2001', '3')] },
  { feature: 'extract(DOW) is ISO', sql: "SELECT extract(DOW FROM DATE '2026-12-06'), extract(DAY_OF_WEEK FROM DATE '2026-12-07')", rows: [row('7', '1')] },
  { feature: 'AT TIME ZONE', sql: "SELECT date_format(TIMESTAMP '2012-10-31 01:00' AT TIME ZONE 'America/Los_Angeles', '%Y-%m-%d %H:%i')", rows: one('2012-10-30 18:00') },
  { feature: 'AT TIME ZONE then hour', sql: "SELECT hour(TIMESTAMP '2012-10-31 01:00' AT TIME ZONE 'Asia/Tokyo')", rows: one('10') },
  { feature: 'interval arithmetic', sql: "SELECT TIMESTAMP '2012-08-08 01:00' + INTERVAL '29' HOUR", rows: one('2012-08-09 06:00:00.000') },
  { feature: 'interval of months', sql: "SELECT TIMESTAMP '2012-10-31 01:00' - INTERVAL '1' MONTH", rows: one('2012-09-30 01:00:00.000') },
  { feature: 'current_date, current_timestamp', sql: 'SELECT current_date = CAST(current_timestamp AS date), current_timestamp > TIMESTAMP \'2020-01-01 00:00:00\'', rows: [row('true', 'true')] },
  // UNNEST
  {
    feature: 'UNNEST of several arrays, zipped',
    sql: "SELECT * FROM UNNEST(ARRAY[1, 2], ARRAY['foo', 'bar', 'baz']) AS t(a, b)",
    rows: [row('1', 'foo'), row('2', 'bar'), row(null, 'baz')],
  },
  {
    feature: 'CROSS JOIN UNNEST',
    sql: "SELECT student, score FROM (VALUES ('John', ARRAY[7, 10, 9]), ('Mary', ARRAY[4, 8, 9])) AS tests (student, scores) CROSS JOIN UNNEST(scores) AS t (score) ORDER BY student, score",
    rows: [row('John', '7'), row('John', '9'), row('John', '10'), row('Mary', '4'), row('Mary', '8'), row('Mary', '9')],
  },
  {
    feature: 'UNNEST WITH ORDINALITY',
    sql: 'SELECT numbers, n, a FROM (VALUES (ARRAY[2, 5]), (ARRAY[7, 8, 9])) AS x (numbers) CROSS JOIN UNNEST(numbers) WITH ORDINALITY AS t (n, a) ORDER BY n',
    rows: [row('[2, 5]', '2', '1'), row('[2, 5]', '5', '2'), row('[7, 8, 9]', '7', '1'), row('[7, 8, 9]', '8', '2'), row('[7, 8, 9]', '9', '3')],
  },
  {
    feature: 'UNNEST of rows with field aliases',
    sql: "SELECT t.sku, t.qty FROM (VALUES (ARRAY[CAST(ROW('s1', 2) AS ROW(sku varchar, qty integer)), CAST(ROW('s2', 3) AS ROW(sku varchar, qty integer))])) AS o (items) CROSS JOIN UNNEST(items) AS t (sku, qty)",
    rows: [row('s1', '2'), row('s2', '3')],
  },
  { feature: 'row field access', sql: 'SELECT CAST(ROW(1, 2.0) AS ROW(x BIGINT, y DOUBLE)).x', rows: one('1') },
  // Aggregates
  { feature: 'approx_distinct', sql: 'SELECT approx_distinct(x) FROM (VALUES 1, 2, 2, 3) AS t (x)', rows: one('3') },
  { feature: 'approx_percentile', sql: 'SELECT approx_percentile(x, 0.5) FROM (VALUES 1, 2, 3, 4, 5) AS t (x)', rows: one('3') },
  { feature: 'max_by, min_by', sql: "SELECT max_by(name, v), min_by(name, v) FROM (VALUES ('a', 1), ('b', 3), ('c', 2)) AS t (name, v)", rows: [row('b', 'a')] },
  { feature: 'count_if', sql: 'SELECT count_if(x > 1) FROM (VALUES 1, 2, 3) AS t (x)', rows: one('2') },
  { feature: 'arbitrary', sql: 'SELECT arbitrary(x) FROM (VALUES 7) AS t (x)', rows: one('7') },
  { feature: 'array_agg with ORDER BY', sql: 'SELECT array_agg(x ORDER BY x DESC) FROM (VALUES 1, 3, 2) AS t (x)', rows: one('[3, 2, 1]') },
  // Conditional and error-suppressing
  { feature: 'if', sql: "SELECT if(1 > 0, 'yes', 'no')", rows: one('yes') },
  { feature: 'try', sql: "SELECT try(CAST('abc' AS integer))", rows: one(null) },
  { feature: 'try_cast', sql: "SELECT try_cast('12' AS integer), try_cast('x' AS integer)", rows: [row('12', null)] },
  // Regular expressions (the Trino reference's examples)
  { feature: 'regexp_extract', sql: `SELECT regexp_extract(${SAMPLE}, '\\d+'), regexp_extract(${SAMPLE}, '(\\d+)([a-z]+)', 2)`, rows: [row('1', 'a')] },
  { feature: 'regexp_extract_all', sql: `SELECT regexp_extract_all(${SAMPLE}, '\\d+')`, rows: one('[1, 2, 14]') },
  { feature: 'regexp_like', sql: `SELECT regexp_like(${SAMPLE}, '\\d+b')`, rows: one('true') },
  { feature: 'regexp_replace', sql: `SELECT regexp_replace(${SAMPLE}, '\\d+[ab] '), regexp_replace(${SAMPLE}, '(\\d+)([ab]) ', '3c$2 ')`, rows: [row('14m', '3ca 3cb 14m')] },
  { feature: 'regexp_count', sql: `SELECT regexp_count(${SAMPLE}, '\\s*[a-z]+\\s*')`, rows: one('3') },
  { feature: 'regexp_split', sql: `SELECT regexp_split(${SAMPLE}, '\\s*[a-z]+\\s*')`, rows: one('[1, 2, 14, ]') },
  // JSON
  { feature: 'json_extract_scalar', sql: `SELECT json_extract_scalar('{"store": {"book": [{"author": "Nigel Rees"}]}}', '$.store.book[0].author')`, rows: one('Nigel Rees') },
  { feature: 'json_extract', sql: `SELECT json_format(json_extract('{"a": {"b": [1, 2]}}', '$.a.b'))`, rows: one('[1,2]') },
  { feature: 'json_array_length', sql: "SELECT json_array_length('[1, 2, 3]')", rows: one('3') },
  { feature: 'json_array_contains', sql: "SELECT json_array_contains('[1, 2, 3]', 2)", rows: one('true') },
  { feature: 'json_size', sql: `SELECT json_size('{"x": {"a": 1, "b": 2}}', '$.x')`, rows: one('2') },
  // Arrays
  { feature: 'cardinality, contains', sql: 'SELECT cardinality(ARRAY[1, 2, 3]), contains(ARRAY[1, 2, 3], 2)', rows: [row('3', 'true')] },
  { feature: '1-based subscripts and element_at', sql: 'SELECT ARRAY[10, 20, 30][1], element_at(ARRAY[10, 20, 30], -1)', rows: [row('10', '30')] },
  { feature: 'array_join with a NULL replacement', sql: "SELECT array_join(ARRAY['a', 'b', NULL], ','), array_join(ARRAY['a', 'b', NULL], ',', 'x')", rows: [row('a,b', 'a,b,x')] },
  { feature: 'array_sort, array_distinct', sql: 'SELECT array_sort(ARRAY[3, 1, 2]), array_distinct(ARRAY[1, 1, 2])', rows: [row('[1, 2, 3]', '[1, 2]')] },
  { feature: 'slice (start, length)', sql: 'SELECT slice(ARRAY[1, 2, 3, 4], 2, 2)', rows: one('[2, 3]') },
  { feature: 'sequence', sql: 'SELECT sequence(1, 5)', rows: one('[1, 2, 3, 4, 5]') },
  { feature: 'filter, transform (lambdas)', sql: 'SELECT filter(ARRAY[5, -6, NULL, 7], x -> x > 0), transform(ARRAY[5, 6], x -> x + 1)', rows: [row('[5, 7]', '[6, 7]')] },
  { feature: 'any_match, all_match, none_match', sql: 'SELECT any_match(ARRAY[1, 2], x -> x > 1), all_match(ARRAY[1, 2], x -> x > 1), none_match(ARRAY[1, 2], x -> x > 5)', rows: [row('true', 'false', 'true')] },
  { feature: 'concat of arrays, flatten', sql: 'SELECT concat(ARRAY[1], ARRAY[2, 3]), flatten(ARRAY[ARRAY[1, 2], ARRAY[3]])', rows: [row('[1, 2, 3]', '[1, 2, 3]')] },
  { feature: 'array_position', sql: 'SELECT array_position(ARRAY[10, 20], 20), array_position(ARRAY[10, 20], 30)', rows: [row('2', '0')] },
  // Maps
  { feature: 'map subscripts and element_at', sql: "SELECT map(ARRAY['a', 'b'], ARRAY[1, 2])['b'], element_at(map(ARRAY['a'], ARRAY[1]), 'a')", rows: [row('2', '1')] },
  { feature: 'map_keys, map_values', sql: "SELECT map_keys(map(ARRAY['a', 'b'], ARRAY[1, 2])), map_values(map(ARRAY['a', 'b'], ARRAY[1, 2]))", rows: [row('[a, b]', '[1, 2]')] },
  // Semantics DuckDB would otherwise change
  { feature: 'concat is NULL if any argument is', sql: "SELECT concat('a', NULL), concat('a', 'b', 'c')", rows: [row(null, 'abc')] },
  { feature: 'integer division truncates', sql: 'SELECT 7 / 2, -7 / 2, 7 / 2.0', rows: [row('3', '-3', '3.5')] },
  { feature: 'NULL comparisons', sql: 'SELECT NULL = NULL, NULL IS NULL, coalesce(NULL, 2)', rows: [row(null, 'true', '2')] },
  // Syntax
  {
    feature: 'GROUPING SETS',
    sql: "SELECT k, sum(v) AS s FROM (VALUES ('a', 1), ('a', 2), ('b', 3)) AS t (k, v) GROUP BY GROUPING SETS ((k), ()) ORDER BY k NULLS LAST",
    rows: [row('a', '3'), row('b', '3'), row(null, '6')],
  },
  { feature: 'VALUES', sql: "VALUES (1, 'a'), (2, 'b')", rows: [row('1', 'a'), row('2', 'b')] },
  { feature: 'SHOW TABLES', sql: "SHOW TABLES IN sales_cdc 'orders*'", rows: one('orders_current') },
  // Not available locally: an Athena-style error that names the function
  { feature: 'reduce (not local)', sql: 'SELECT reduce(ARRAY[5, 20, 50], 0, (s, x) -> s + x, s -> s)', fails: /NOT_SUPPORTED: line 1:8: Function 'reduce'/ },
  { feature: 'zip_with (not local)', sql: 'SELECT zip_with(ARRAY[1, 3], ARRAY[2, 4], (x, y) -> x + y)', fails: /NOT_SUPPORTED: .*Function 'zip_with'/ },
];

export type ConformanceResult = {
  feature: string;
  sql: string;
  passed: boolean;
  /** What the local engine answered: rows, or the failure reason. */
  got: (string | null)[][] | string;
};

const POLL_MS = 20;

async function execute(client: AthenaClient, sql: string, workGroup: string): Promise<{ rows: (string | null)[][] } | { failure: string }> {
  const { QueryExecutionId } = await client.send(
    new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: workGroup, QueryExecutionContext: { Database: 'sales_cdc' } }),
  );
  for (;;) {
    const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    const state = QueryExecution?.Status?.State;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') return { failure: QueryExecution?.Status?.StateChangeReason ?? state };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const rows: (string | null)[][] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new GetQueryResultsCommand({ QueryExecutionId, NextToken: token }));
    for (const r of page.ResultSet?.Rows ?? []) rows.push((r.Data ?? []).map((d) => d.VarCharValue ?? null));
    token = page.NextToken;
  } while (token);
  // SELECT results start with a header row; SHOW results do not (as on Athena).
  if (!/^\s*SHOW\b/i.test(sql)) rows.shift();
  return { rows };
}

/** Runs every case against an Athena endpoint (the local one, or AWS to check the table itself). */
export async function runConformance(client: AthenaClient, workGroup = 'primary'): Promise<ConformanceResult[]> {
  const results: ConformanceResult[] = [];
  for (const c of CONFORMANCE) {
    const outcome = await execute(client, c.sql, workGroup);
    if ('failure' in outcome) {
      results.push({ feature: c.feature, sql: c.sql, passed: 'fails' in c && c.fails.test(outcome.failure), got: outcome.failure });
    } else {
      const passed = 'rows' in c && JSON.stringify(outcome.rows) === JSON.stringify(c.rows);
      results.push({ feature: c.feature, sql: c.sql, passed, got: outcome.rows });
    }
  }
  return results;
}
