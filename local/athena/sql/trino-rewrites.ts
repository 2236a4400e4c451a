import { isLocallyUnsupported } from './athena-functions';
import { dialectEdits } from './dialect';
import { DialectError } from './dialect-error';
import { JodaPatternError, jodaToStrftime } from './joda';
import { tokenize, unquote, type Token } from './lexer';
import { applyEdits, originalOffset, type Edit } from './parameters';
import {
  argumentTexts,
  isCall,
  isSymbol,
  isWord,
  matchingClose,
  matchingOpen,
  nextSignificant,
  previousSignificant,
  topLevelCommas,
} from './token-scan';

/**
 * Rewrites of Trino syntax whose DuckDB spelling differs in meaning, not just in name (names are
 * macros, sql/dialect.ts). Each pass edits the text the previous one produced, so constructs
 * nest freely; the composed offset map points DuckDB's error positions back at the query sent.
 */

export { DialectError };

/** Lambda predicates over arrays: list_bool_* of the transformed list, empty arrays as Trino answers. */
const MATCH_FUNCTIONS: Readonly<Record<string, { open: string; close: string }>> = {
  any_match: { open: 'coalesce(list_bool_or(list_transform', close: '), false)' },
  all_match: { open: 'coalesce(list_bool_and(list_transform', close: '), true)' },
  none_match: { open: '(NOT coalesce(list_bool_or(list_transform', close: '), false))' },
};

/** Trino's extract fields that DuckDB names differently or counts differently. */
const EXTRACT_FIELDS: Readonly<Record<string, string>> = {
  DOW: 'isodow',
  DAY_OF_WEEK: 'isodow',
  DOY: 'doy',
  DAY_OF_YEAR: 'doy',
  DAY_OF_MONTH: 'day',
  YOW: 'isoyear',
  YEAR_OF_WEEK: 'isoyear',
};

/** Joda-pattern functions: DuckDB needs the format as a constant, so it is translated in place. */
const JODA_FUNCTIONS: Readonly<Record<string, string>> = {
  format_datetime: 'strftime',
  parse_datetime: 'strptime',
};

function functionCallEdits(sql: string): Edit[] {
  const tokens = tokenize(sql);
  const edits: Edit[] = [];
  tokens.forEach((token, i) => {
    if (token.kind !== 'word' || !isCall(tokens, i)) return;
    const name = token.text.toLowerCase();
    const open = nextSignificant(tokens, i + 1);
    if (isLocallyUnsupported(name)) {
      throw new DialectError(
        'NOT_SUPPORTED',
        `Function '${name}' is not supported by the local Athena engine (it runs on AWS); see local/athena/DIALECT.md`,
        token.start,
      );
    }
    const close = matchingClose(tokens, open);
    if (close === -1) return;
    if (name === 'extract') {
      // Trino's DOW is ISO (Monday 1 … Sunday 7), DuckDB's counts Sunday as 0.
      const field = tokens[nextSignificant(tokens, open + 1)];
      const target = field?.kind === 'word' ? EXTRACT_FIELDS[field.text.toUpperCase()] : undefined;
      if (field && target) edits.push({ start: field.start, end: field.end, replacement: target });
      return;
    }
    if (name === 'concat') {
      // Trino's concat is NULL if any argument is; DuckDB's skips NULLs, its `||` does not.
      edits.push({ start: token.start, end: token.end, replacement: '' });
      for (const comma of topLevelCommas(tokens, open, close)) {
        const t = tokens[comma] as Token;
        edits.push({ start: t.start, end: t.end, replacement: ' ||' });
      }
      return;
    }
    const match = MATCH_FUNCTIONS[name];
    if (match) {
      edits.push({ start: token.start, end: token.end, replacement: match.open });
      // Replacing the `)` itself (not inserting after it) keeps the edit apart from a comma of an
      // enclosing concat that starts where it ends.
      const paren = tokens[close] as Token;
      edits.push({ start: paren.start, end: paren.end, replacement: `)${match.close}` });
      return;
    }
    const strftime = JODA_FUNCTIONS[name];
    if (strftime) edits.push(...jodaEdits(tokens, i, open, close, strftime));
  });
  return edits;
}

function jodaEdits(tokens: readonly Token[], at: number, open: number, close: number, target: string): Edit[] {
  const name = (tokens[at] as Token).text.toLowerCase();
  const commas = topLevelCommas(tokens, open, close);
  const formatAt = nextSignificant(tokens, (commas.at(-1) ?? open) + 1);
  const format = tokens[formatAt];
  if (commas.length !== 1 || format?.kind !== 'string' || nextSignificant(tokens, formatAt + 1) !== close) {
    throw new DialectError(
      'NOT_SUPPORTED',
      `${name} needs a literal Joda pattern as its second argument in the local Athena engine`,
      (tokens[at] as Token).start,
    );
  }
  let translated: string;
  try {
    translated = jodaToStrftime(unquote(format));
  } catch (error) {
    if (error instanceof JodaPatternError) {
      throw new DialectError('INVALID_FUNCTION_ARGUMENT', `${name}: ${error.message}`, format.start);
    }
    throw error;
  }
  return [
    { start: (tokens[at] as Token).start, end: (tokens[at] as Token).end, replacement: target },
    { start: format.start, end: format.end, replacement: `'${translated.replaceAll("'", "''")}'` },
  ];
}

/** Clause keywords, to tell a FROM-list comma from a select-list one. */
const CLAUSES = new Set(['SELECT', 'FROM', 'WHERE', 'GROUP', 'HAVING', 'ORDER', 'LIMIT', 'WINDOW', 'ON', 'USING', 'UNION', 'EXCEPT', 'INTERSECT', 'VALUES']);

/** The clause keyword that governs token `i` at its own bracket depth. */
function clauseOf(tokens: readonly Token[], i: number): string | undefined {
  let j = i - 1;
  while (j >= 0) {
    const t = tokens[j] as Token;
    if (isSymbol(t, ')') || isSymbol(t, ']')) j = matchingOpen(tokens, j) - 1;
    else if (isSymbol(t, '(') || isSymbol(t, '[')) return undefined;
    else if (t.kind === 'word' && CLAUSES.has(t.text.toUpperCase())) return t.text.toUpperCase();
    else j--;
  }
  return undefined;
}

/**
 * `UNNEST(a, b) [WITH ORDINALITY]` in a FROM list, as a lateral subquery. Trino expands an array
 * of rows into one column per field (`AS t(sku, name, …)`) and zips several arrays; DuckDB's
 * table function keeps a row as one struct column. `unnest(…, max_depth := 2)` expands a row's
 * top-level fields and keeps nested rows and arrays inside them; ordinality counts to the longest
 * array. (An array of arrays is flattened twice, unlike Trino: DIALECT.md.)
 */
function unnestEdit(sql: string): Edit | undefined {
  const tokens = tokenize(sql);
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'UNNEST') || !isCall(tokens, i)) continue;
    const before = tokens[previousSignificant(tokens, i - 1)];
    const inFrom =
      isWord(before, 'FROM', 'JOIN') || (isSymbol(before, ',') && clauseOf(tokens, i) === 'FROM');
    if (!inFrom) continue;
    const open = nextSignificant(tokens, i + 1);
    const close = matchingClose(tokens, open);
    if (close === -1) return undefined;
    const args = argumentTexts(sql, tokens, open, close);
    let end = (tokens[close] as Token).end;
    const withAt = nextSignificant(tokens, close + 1);
    const ordinalityAt = nextSignificant(tokens, withAt + 1);
    const ordinality = isWord(tokens[withAt], 'WITH') && isWord(tokens[ordinalityAt], 'ORDINALITY');
    if (ordinality) end = (tokens[ordinalityAt] as Token).end;
    const columns = args.map((a) => `unnest(${a}, max_depth := 2)`);
    if (ordinality) {
      columns.push(`unnest(generate_series(1, greatest(${args.map((a) => `len(${a})`).join(', ')})))`);
    }
    return { start: (tokens[i] as Token).start, end, replacement: `LATERAL (SELECT ${columns.join(', ')})` };
  }
  return undefined;
}

/** Words that end a VALUES list. */
const AFTER_VALUES = new Set(['AS', 'ORDER', 'LIMIT', 'OFFSET', 'UNION', 'EXCEPT', 'INTERSECT', 'FETCH']);

/**
 * `VALUES 1, 2, 3` (one column, Trino allows bare expressions) as `VALUES (1), (2), (3)`, which
 * DuckDB needs; rows already in parentheses are left alone.
 */
function bareValuesEdits(sql: string): Edit[] {
  const tokens = tokenize(sql);
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'VALUES')) continue;
    let itemStart = nextSignificant(tokens, i + 1);
    for (;;) {
      let j = itemStart;
      let last = j;
      while (j < tokens.length) {
        const t = tokens[j] as Token;
        if (isSymbol(t, '(') || isSymbol(t, '[')) j = matchingClose(tokens, j);
        else if (isSymbol(t, ',') || isSymbol(t, ')') || isSymbol(t, ';')) break;
        else if (t.kind === 'word' && AFTER_VALUES.has(t.text.toUpperCase())) break;
        if (j < 0) return edits;
        if (t.kind !== 'space' && t.kind !== 'comment') last = j;
        j++;
      }
      const first = tokens[itemStart];
      const wrapped = isSymbol(first, '(') && matchingClose(tokens, itemStart) === last;
      if (first && !wrapped && last >= itemStart) {
        edits.push({ start: first.start, end: first.start, replacement: '(' });
        const end = (tokens[last] as Token).end;
        edits.push({ start: end, end, replacement: ')' });
      }
      if (!isSymbol(tokens[j], ',')) break;
      itemStart = nextSignificant(tokens, j + 1);
    }
  }
  return edits;
}

/** Words that end an operand rather than name a function called on `(`. */
const NOT_FUNCTION_NAMES = new Set(['AND', 'OR', 'NOT', 'IN', 'ON', 'AS', 'BY', 'WHEN', 'THEN', 'ELSE', 'SELECT', 'WHERE', 'FROM', 'HAVING', 'EXISTS', 'IS']);
const TYPED_LITERALS = new Set(['TIMESTAMP', 'DATE', 'TIME']);

/** Index of the first token of the primary expression that ends at token `j`. */
function primaryStart(tokens: readonly Token[], j: number): number {
  const t = tokens[j];
  if (isSymbol(t, ')') || isSymbol(t, ']')) {
    const open = matchingOpen(tokens, j);
    const k = previousSignificant(tokens, open - 1);
    const prior = tokens[k];
    const named = prior?.kind === 'quoted' || (prior?.kind === 'word' && !NOT_FUNCTION_NAMES.has(prior.text.toUpperCase()));
    // `f(…)` and `a.b(…)` are calls; `x[…]`, `f(…)[…]` and `ARRAY[…]` are subscripts of what precedes.
    const continues = isSymbol(t, ']') ? named || isSymbol(prior, ')') || isSymbol(prior, ']') : named;
    return continues ? primaryStart(tokens, k) : open;
  }
  if (t?.kind === 'string') {
    const k = previousSignificant(tokens, j - 1);
    return isWord(tokens[k], ...TYPED_LITERALS) ? k : j;
  }
  let start = j;
  for (;;) {
    const dot = previousSignificant(tokens, start - 1);
    const owner = previousSignificant(tokens, dot - 1);
    if (!isSymbol(tokens[dot], '.') || !(tokens[owner]?.kind === 'word' || tokens[owner]?.kind === 'quoted')) break;
    start = owner;
  }
  return start;
}

/**
 * `x AT TIME ZONE z` as `timezone(z, CAST(x AS TIMESTAMPTZ))`. Trino reads a timestamp without
 * zone as UTC (the session zone) and shows it in `z`; DuckDB would instead take it as wall time in
 * `z`, moving it the other way. The result is the wall time in `z` (DIALECT.md: no zone kept).
 */
function atTimeZoneEdits(sql: string): Edit[] | undefined {
  const tokens = tokenize(sql);
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'AT')) continue;
    const timeAt = nextSignificant(tokens, i + 1);
    const zoneAt = nextSignificant(tokens, timeAt + 1);
    if (!isWord(tokens[timeAt], 'TIME') || !isWord(tokens[zoneAt], 'ZONE')) continue;
    const zoneStart = nextSignificant(tokens, zoneAt + 1);
    let zoneEnd = zoneStart;
    if (isCall(tokens, zoneStart)) zoneEnd = matchingClose(tokens, nextSignificant(tokens, zoneStart + 1));
    if (zoneEnd < 0 || zoneStart >= tokens.length) return undefined;
    const leftEnd = previousSignificant(tokens, i - 1);
    if (leftEnd < 0) return undefined;
    const leftStart = primaryStart(tokens, leftEnd);
    const zone = sql.slice((tokens[zoneStart] as Token).start, (tokens[zoneEnd] as Token).end);
    const left = tokens[leftStart] as Token;
    return [
      { start: left.start, end: left.start, replacement: `timezone(${zone}, CAST(` },
      { start: (tokens[leftEnd] as Token).end, end: (tokens[zoneEnd] as Token).end, replacement: ' AS TIMESTAMPTZ))' },
    ];
  }
  return undefined;
}

export type Rewritten = { sql: string; toOriginalOffset: (offset: number) => number };

/** A bound on repeated passes: each rewrites one construct; real queries have a handful. */
const MAX_PASSES = 200;

/** `sql` (parameters already bound) as DuckDB should run it. Throws DialectError. */
export function rewriteTrino(sql: string): Rewritten {
  const passes: Edit[][] = [];
  let text = sql;
  const apply = (edits: Edit[]) => {
    if (edits.length === 0) return;
    passes.push(edits);
    text = applyEdits(text, edits);
  };
  const mapOffset = (offset: number, upTo: number) => {
    let at = offset;
    for (let p = upTo - 1; p >= 0; p--) at = originalOffset(passes[p] as Edit[], at);
    return at;
  };
  const rethrowAtOriginal = (run: () => void) => {
    try {
      run();
    } catch (error) {
      if (error instanceof DialectError) {
        throw new DialectError(error.code, error.message, mapOffset(error.offset, passes.length));
      }
      throw error;
    }
  };
  rethrowAtOriginal(() => apply(functionCallEdits(text)));
  apply(dialectEdits(text));
  apply(bareValuesEdits(text));
  for (let n = 0; n < MAX_PASSES; n++) {
    const edits = atTimeZoneEdits(text);
    if (!edits) break;
    apply(edits);
  }
  for (let n = 0; n < MAX_PASSES; n++) {
    const edit = unnestEdit(text);
    if (!edit) break;
    apply([edit]);
  }
  return { sql: text, toOriginalOffset: (offset) => mapOffset(offset, passes.length) };
}
