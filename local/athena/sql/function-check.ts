import { isAthenaFunction } from './athena-functions';
import { identifierName, tokenize, type Token } from './lexer';
import { isSymbol, isWord, matchingClose, nextSignificant, previousSignificant } from './token-scan';
import { DialectError } from './dialect-error';

/**
 * Words that open a parenthesis without being a function call: clauses, operators, nested types.
 * The calls inside their parentheses are still checked.
 */
const NOT_CALLS: ReadonlySet<string> = new Set(
  `and or not in exists values over filter as on using where select from join by with all any some case when then
  else end sets cube rollup like between is distinct union except intersect limit offset having lateral unnest within
  group recursive explain analyze for pattern define measures match_recognize table tablesample bernoulli system
  decimal varchar char timestamp time`
    .split(/\s+/)
    .filter(Boolean),
);

/** Clause keywords after which a name is a table function. */
const TABLE_POSITION = new Set(['from', 'join', 'lateral']);

const isName = (t: Token | undefined) => t?.kind === 'word' || t?.kind === 'quoted';

/**
 * Refuses any call of a function Athena does not have, as Athena does (FUNCTION_NOT_FOUND, at its
 * position), before the local engine sees the query: an allow-list (athena-functions.ts), so no
 * DuckDB function answers, whatever DuckDB adds. Qualified calls (`x.f(…)`, DuckDB's method
 * syntax included) are refused too: Athena resolves no qualified function name.
 */
export function refuseNonAthenaFunctions(sql: string): void {
  const tokens = tokenize(sql);
  tokens.forEach((token, i) => {
    if (!isName(token) || !isSymbol(tokens[nextSignificant(tokens, i + 1)], '(')) return;
    const previous = tokens[previousSignificant(tokens, i - 1)];
    const name = identifierName(token).toLowerCase();
    // `INSERT INTO db.t (a, b)`: a table's column list; the statement guard refuses the rest.
    if (isWord(tokens[previousSignificant(tokens, startOfName(tokens, i) - 1)], 'INTO')) return;
    if (isSymbol(previous, '.')) throw notFound('Function', `${qualifier(tokens, i)}${name}`, token);
    if (token.kind === 'word' && NOT_CALLS.has(name)) return;
    if (isAliasColumnList(tokens, i, previous)) return;
    if (isAthenaFunction(name)) return;
    const kind = previous?.kind === 'word' && TABLE_POSITION.has(previous.text.toLowerCase()) ? 'Table function' : 'Function';
    throw notFound(kind, name, token);
  });
}

function notFound(kind: string, name: string, token: Token): DialectError {
  return new DialectError('FUNCTION_NOT_FOUND', `${kind} '${name}' not registered`, token.start);
}

/** Index of the first part of the dotted name that ends at `i` (`a` of `a.b.c`). */
function startOfName(tokens: readonly Token[], i: number): number {
  let start = i;
  for (;;) {
    const dot = previousSignificant(tokens, start - 1);
    if (!isSymbol(tokens[dot], '.')) return start;
    const part = previousSignificant(tokens, dot - 1);
    if (!isName(tokens[part])) return start;
    start = part;
  }
}

/** `a.b.` before the name at `i`, for the message (a string receiver, `'x'.f()`, names nothing). */
function qualifier(tokens: readonly Token[], i: number): string {
  const start = startOfName(tokens, i);
  return tokens
    .slice(start, i)
    .filter((t) => isName(t))
    .map((t) => `${identifierName(t)}.`)
    .join('');
}

/**
 * Names a column list rather than a call, in exactly the places the grammar has one: `AS t(a)`
 * (or a type, `CAST(x AS decimal(10, 2))`), after a closing parenthesis (`UNNEST(x) t(a)`, a
 * derived table's alias), a table's alias written without AS (`FROM tbl t(a)`, `JOIN db.tbl t(a)`,
 * `FROM a, b t(a)`), or a CTE's `WITH t(a, b) AS (`. Anywhere else a name before `(` is a call:
 * an operator word DuckDB knows (ILIKE, GLOB, COLLATE…) never makes one look like an alias.
 */
function isAliasColumnList(tokens: readonly Token[], i: number, previous: Token | undefined): boolean {
  if (previous?.kind === 'word' && previous.text.toLowerCase() === 'as') return true;
  if (isSymbol(previous, ')')) return true;
  if (isName(previous) && !(previous?.kind === 'word' && NOT_CALLS.has(previous.text.toLowerCase()))) {
    const before = tokens[previousSignificant(tokens, previousSignificant(tokens, i - 1) - 1)];
    const tableRef = (before?.kind === 'word' && TABLE_POSITION.has(before.text.toLowerCase())) || isSymbol(before, '.') || isSymbol(before, ',');
    if (tableRef) return true;
  }
  const open = nextSignificant(tokens, i + 1);
  const close = matchingClose(tokens, open);
  if (close === -1) return false;
  const asAt = nextSignificant(tokens, close + 1);
  const after = tokens[asAt];
  return after?.kind === 'word' && after.text.toLowerCase() === 'as' && isSymbol(tokens[nextSignificant(tokens, asAt + 1)], '(');
}
