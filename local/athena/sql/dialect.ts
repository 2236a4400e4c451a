import type { Edit } from './parameters';
import { tokenize, unquote, type Token } from './lexer';

/** Athena's pseudo-column for the object holding a row; the engine stores it (engine/change-log.ts). */
export const PATH_PSEUDO_COLUMN = '$path';

/**
 * Trino (Athena engine 3) functions that DuckDB lacks or spells differently, as DuckDB macros.
 * They are TEMP macros, created on every engine connection: temp macros take precedence over
 * DuckDB's built-ins, and `system.main.f` still reaches a built-in we shadow. What remains
 * different is listed in local/athena/DIALECT.md.
 */

/** MySQL-style specifiers of Trino's date_format/date_parse, as DuckDB strftime/strptime specifiers. */
const MYSQL_TO_STRFTIME: Readonly<Record<string, string>> = {
  a: '%a',
  b: '%b',
  c: '%-m',
  d: '%d',
  e: '%-d',
  f: '%f',
  H: '%H',
  h: '%I',
  I: '%I',
  i: '%M',
  j: '%j',
  k: '%-H',
  l: '%-I',
  M: '%B',
  m: '%m',
  p: '%p',
  r: '%I:%M:%S %p',
  S: '%S',
  s: '%S',
  T: '%H:%M:%S',
  U: '%U',
  u: '%W',
  v: '%V',
  W: '%A',
  w: '%w',
  x: '%G',
  Y: '%Y',
  y: '%y',
};

/** Translates a MySQL-style format in TypeScript (used by tests and for documentation). */
export function mysqlToStrftime(format: string): string {
  return format.replace(/%(.)/gs, (_, spec: string) =>
    spec === '%' ? '%%' : (MYSQL_TO_STRFTIME[spec] ?? spec),
  );
}

/**
 * The same translation as a SQL expression over `fmt`, for formats that are only known at run
 * time: `%%` is parked as chr(1), every other `%` becomes chr(2), each chr(2)+letter becomes its
 * strftime form, and unknown specifiers lose their marker (Trino prints `%x` as `x`).
 */
function translateFormatSql(fmt: string): string {
  let expr = `replace(replace(${fmt}, '%%', chr(1)), '%', chr(2))`;
  for (const [spec, strftime] of Object.entries(MYSQL_TO_STRFTIME)) {
    expr = `replace(${expr}, chr(2) || '${spec}', '${strftime}')`;
  }
  return `replace(replace(${expr}, chr(2), ''), chr(1), '%%')`;
}

const INTERVAL_UNIT = `CASE lower(unit)
    WHEN 'millisecond' THEN INTERVAL 1 MILLISECOND WHEN 'second' THEN INTERVAL 1 SECOND
    WHEN 'minute' THEN INTERVAL 1 MINUTE WHEN 'hour' THEN INTERVAL 1 HOUR WHEN 'day' THEN INTERVAL 1 DAY
    WHEN 'week' THEN INTERVAL 7 DAY WHEN 'month' THEN INTERVAL 1 MONTH WHEN 'quarter' THEN INTERVAL 3 MONTH
    WHEN 'year' THEN INTERVAL 1 YEAR
    ELSE error('Invalid unit for date_add: ' || unit) END`;

/** Every shim, as a `name(params) AS body` list (one entry per overload set). */
const MACROS: readonly string[] = [
  // Dates and times
  `from_iso8601_timestamp(s) AS CAST(s AS TIMESTAMPTZ)`,
  `from_iso8601_timestamp_nanos(s) AS CAST(s AS TIMESTAMPTZ)`,
  `from_iso8601_date(s) AS CAST(s AS DATE)`,
  `to_iso8601(x) AS CASE
    WHEN typeof(x) = 'DATE' THEN strftime(x, '%Y-%m-%d')
    WHEN typeof(x) = 'TIMESTAMP WITH TIME ZONE' THEN strftime(x, '%Y-%m-%dT%H:%M:%S.%gZ')
    ELSE strftime(x, '%Y-%m-%dT%H:%M:%S.%g') END`,
  `date_format(ts, fmt) AS strftime(ts, ${translateFormatSql('fmt')})`,
  `to_unixtime(ts) AS epoch(ts)`,
  `from_unixtime(x) AS to_timestamp(x), (x, zone) AS timezone(zone, to_timestamp(x))`,
  `at_timezone(ts, zone) AS timezone(zone, ts)`,
  `with_timezone(ts, zone) AS timezone(zone, ts)`,
  `current_timezone() AS 'UTC'`,
  // Typed overloads keep Trino's result types: a date stays a date.
  `date_add(d, i) AS system.main.date_add(d, i),
    (unit VARCHAR, n BIGINT, ts DATE) AS CAST(ts + (n * ${INTERVAL_UNIT}) AS DATE),
    (unit VARCHAR, n BIGINT, ts TIMESTAMP) AS ts + (n * ${INTERVAL_UNIT}),
    (unit VARCHAR, n BIGINT, ts TIMESTAMPTZ) AS ts + (n * ${INTERVAL_UNIT})`,
  // Trino truncates a date to a date. For timestamps with time zone the session is UTC, so
  // truncating the UTC wall time is exact and avoids ICU's calendar (4x faster on 300k rows).
  `date_trunc(u VARCHAR, x DATE) AS CAST(system.main.date_trunc(u, x) AS DATE),
    (u VARCHAR, x TIMESTAMP) AS system.main.date_trunc(u, x),
    (u VARCHAR, x TIMESTAMPTZ) AS CASE WHEN lower(u) IN ('millisecond', 'microsecond')
      THEN CAST(system.main.date_trunc(u, make_timestamp(epoch_us(x))) AS TIMESTAMPTZ)
      ELSE to_timestamp(epoch_us(system.main.date_trunc(u, make_timestamp(epoch_us(x)))) // 1000000) END`,
  // Trino counts whole units elapsed (DuckDB's date_sub); DuckDB's date_diff counts boundaries crossed.
  `date_diff(unit, a, b) AS system.main.date_sub(unit, a, b)`,
  `day_of_week(x) AS isodow(x)`,
  `dow(x) AS isodow(x)`,
  `day_of_month(x) AS day(x)`,
  `day_of_year(x) AS dayofyear(x)`,
  `week_of_year(x) AS week(x)`,
  `year_of_week(x) AS isoyear(x)`,
  `yow(x) AS isoyear(x)`,
  `last_day_of_month(x) AS CAST(last_day(x) AS DATE)`,
  // Aggregates
  `approx_distinct(x) AS approx_count_distinct(x), (x, e) AS approx_count_distinct(x)`,
  `approx_percentile(x, p) AS approx_quantile(x, p)`,
  `every(x) AS bool_and(x)`,
  `map_agg(k, v) AS map(list(k), list(v))`,
  // Strings and regular expressions (Trino: Java syntax, replace all, $1 back-references)
  `regexp_like(s, p) AS regexp_matches(s, p)`,
  `regexp_replace(s, p) AS system.main.regexp_replace(s, p, '', 'g'),
    (s, p, r) AS system.main.regexp_replace(s, p, system.main.regexp_replace(r, '\\$(\\d)', '\\\\\\1', 'g'), 'g')`,
  `regexp_extract(s, p) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p) END,
    (s, p, g) AS CASE WHEN regexp_matches(s, p) THEN system.main.regexp_extract(s, p, g) END`,
  `regexp_count(s, p) AS len(regexp_extract_all(s, p))`,
  `regexp_split(s, p) AS regexp_split_to_array(s, p)`,
  `codepoint(s) AS unicode(s)`,
  `levenshtein_distance(a, b) AS levenshtein(a, b)`,
  `hamming_distance(a, b) AS hamming(a, b)`,
  `to_utf8(s) AS encode(s)`,
  `from_utf8(b) AS decode(b)`,
  // JSON
  `json_extract_scalar(j, p) AS json_extract_string(j, p)`,
  `json_parse(s) AS CAST(s AS JSON)`,
  // Elements compared as JSON text: 2 matches 2, 'a' matches "a".
  `json_array_contains(j, v) AS list_contains(list_transform(json_extract(CAST(j AS JSON), '$[*]'), x -> CAST(x AS VARCHAR)), CAST(to_json(v) AS VARCHAR))`,
  `json_size(j, p) AS CASE json_type(CAST(j AS JSON), p) WHEN 'ARRAY' THEN json_array_length(CAST(j AS JSON), p)
    WHEN 'OBJECT' THEN len(json_keys(CAST(j AS JSON), p)) ELSE 0 END`,
  `json_format(j) AS CAST(j AS VARCHAR)`,
  // Arrays and maps
  `element_at(a, i) AS a[i]`,
  `cardinality(a) AS len(a)`,
  `array_join(a, sep) AS array_to_string(a, sep),
    (a, sep, nullrep) AS array_to_string(list_transform(a, x -> coalesce(CAST(x AS VARCHAR), nullrep)), sep)`,
  `array_max(a) AS list_max(a)`,
  `array_min(a) AS list_min(a)`,
  `array_position(a, x) AS coalesce(list_position(a, x), 0)`,
  // Trino keeps first occurrences in order; DuckDB's list_distinct does not keep order.
  `array_distinct(a) AS list_filter(a, (x, i) -> list_position(a, x) = i)`,
  // Trino's slice takes a start (negative: from the end) and a length.
  `slice(a, s, n) AS CASE WHEN s > 0 THEN list_slice(a, s, s + n - 1) ELSE list_slice(a, len(a) + s + 1, len(a) + s + n) END`,
  `sequence(a, b) AS generate_series(a, b), (a, b, s) AS generate_series(a, b, s)`,
  // Numbers
  `truncate(x) AS trunc(x)`,
  `is_nan(x) AS isnan(x)`,
  `is_finite(x) AS isfinite(x)`,
  `is_infinite(x) AS isinf(x)`,
  `infinity() AS CAST('inf' AS DOUBLE)`,
  `nan() AS CAST('nan' AS DOUBLE)`,
];

export const DIALECT_MACRO_SQL: readonly string[] = MACROS.map((m) => `CREATE OR REPLACE TEMP MACRO ${m}`);

/** Names every shim defines, for documentation and tests. */
export const SHIMMED_FUNCTIONS: readonly string[] = MACROS.map((m) => /^(\w+)/.exec(m)?.[1] ?? '');

/**
 * Functions that take a lambda cannot be macros (DuckDB refuses a lambda as a macro argument),
 * so their calls are renamed in the query text instead.
 */
const RENAMED_FUNCTIONS: Readonly<Record<string, string>> = {
  transform: 'list_transform',
};

/** Index of the next token that is not whitespace or a comment, from `from` on. */
function nextSignificant(tokens: readonly Token[], from: number): number {
  let i = from;
  while (i < tokens.length && (tokens[i]?.kind === 'space' || tokens[i]?.kind === 'comment')) i++;
  return i;
}

function isCall(tokens: readonly Token[], i: number): boolean {
  const previous = tokens.slice(0, i).findLast((t) => t.kind !== 'space' && t.kind !== 'comment');
  if (previous?.kind === 'symbol' && previous.text === '.') return false;
  const next = tokens[nextSignificant(tokens, i + 1)];
  return next?.kind === 'symbol' && next.text === '(';
}

/** Tokens after which a `*` is a select-list star, not a multiplication or `count(*)`. */
const STAR_AFTER_WORDS = new Set(['SELECT', 'DISTINCT', 'ALL']);
/** Tokens that may follow a select-list star that has no modifier (EXCLUDE, REPLACE, LIKE…) yet. */
const STAR_BEFORE_WORDS = new Set(['FROM']);

/** Index of the previous token that is not whitespace or a comment, before `from`. */
function previousSignificant(tokens: readonly Token[], from: number): number {
  let i = from;
  while (i >= 0 && (tokens[i]?.kind === 'space' || tokens[i]?.kind === 'comment')) i--;
  return i;
}

/**
 * Whether the `*` at `i` expands a select list (`SELECT *`, `SELECT a, *`, `SELECT t.*`). Athena
 * leaves pseudo-columns such as `"$path"` out of a star; the local change table stores them as
 * columns, so each such star gets `NOT LIKE '$path'` (DuckDB's star filter, a no-op elsewhere).
 */
function isSelectStar(tokens: readonly Token[], i: number): boolean {
  const before = tokens[previousSignificant(tokens, i - 1)];
  const after = tokens[nextSignificant(tokens, i + 1)];
  const startsItem =
    (before?.kind === 'word' && STAR_AFTER_WORDS.has(before.text.toUpperCase())) ||
    (before?.kind === 'symbol' && (before.text === ',' || before.text === '.'));
  const endsItem =
    after === undefined ||
    (after.kind === 'word' && STAR_BEFORE_WORDS.has(after.text.toUpperCase())) ||
    (after.kind === 'symbol' && [',', ')', ';'].includes(after.text));
  return startsItem && endsItem;
}

/**
 * Rewrites that macros cannot express, as edits to the query text:
 * - calls of lambda functions under their DuckDB names (DuckDB refuses a lambda as a macro argument);
 * - `date_parse(s, '<literal format>')` as `strptime(s, '<strftime format>')` (strptime needs a constant format);
 * - select-list stars without the `"$path"` pseudo-column, as in Athena.
 * Only calls and stars are touched, never identifiers or text inside literals.
 */
export function dialectEdits(sql: string): Edit[] {
  const tokens = tokenize(sql);
  const edits: Edit[] = [];
  tokens.forEach((token, i) => {
    if (token.kind === 'symbol' && token.text === '*' && isSelectStar(tokens, i)) {
      edits.push({ start: token.end, end: token.end, replacement: ` NOT LIKE '${PATH_PSEUDO_COLUMN}'` });
      return;
    }
    if (token.kind !== 'word' || !isCall(tokens, i)) return;
    const name = token.text.toLowerCase();
    const target = RENAMED_FUNCTIONS[name];
    if (target) {
      edits.push({ start: token.start, end: token.end, replacement: target });
      return;
    }
    if (name !== 'date_parse') return;
    const format = literalLastArgument(tokens, nextSignificant(tokens, i + 1));
    if (!format) return;
    edits.push({ start: token.start, end: token.end, replacement: 'strptime' });
    const translated = mysqlToStrftime(unquote(format)).replaceAll("'", "''");
    edits.push({ start: format.start, end: format.end, replacement: `'${translated}'` });
  });
  return edits;
}

/** The string literal that is the whole last argument of the call whose `(` is at `open`, if any. */
function literalLastArgument(tokens: readonly Token[], open: number): Token | undefined {
  let depth = 0;
  let lastComma = -1;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'symbol') continue;
    if (t.text === '(') depth++;
    else if (t.text === ')') {
      depth--;
      if (depth === 0) {
        if (lastComma === -1) return undefined;
        const first = nextSignificant(tokens, lastComma + 1);
        const after = nextSignificant(tokens, first + 1);
        return tokens[first]?.kind === 'string' && after === i ? tokens[first] : undefined;
      }
    } else if (t.text === ',' && depth === 1) lastComma = i;
  }
  return undefined;
}
