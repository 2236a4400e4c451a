import { keywordOf, meaningfulTokens, type SqlToken } from './sql-tokens';

/**
 * The query library runs read-only statements only: SELECT, WITH … SELECT, SHOW, DESCRIBE and
 * EXPLAIN. The check runs on tokens (comments and literals are single tokens), so a keyword in a
 * string or a comment changes nothing, and a statement hidden after a `;` is found.
 */

export type GuardVerdict = { ok: true; kind: ReadOnlyKind } | { ok: false; reason: string };

export type ReadOnlyKind = 'SELECT' | 'SHOW' | 'DESCRIBE' | 'EXPLAIN';

const ALLOWED = 'SELECT, WITH … SELECT, SHOW, DESCRIBE and EXPLAIN';
const WRITES = new Set([
  'INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UNLOAD', 'CREATE', 'DROP', 'ALTER', 'TRUNCATE', 'VACUUM',
  'OPTIMIZE', 'MSCK', 'REPLACE', 'GRANT', 'REVOKE', 'CALL',
]);

class Refusal extends Error {}

const refuse = (reason: string): never => {
  throw new Refusal(reason);
};

function describeOther(keyword: string | undefined, context: string): string {
  if (!keyword) return `${context}is not a statement the library can run. Only ${ALLOWED} run here.`;
  if (WRITES.has(keyword))
    return `${context}${keyword} changes data or the catalog, and the query library only runs read-only statements (${ALLOWED}).`;
  return `${context}${keyword} statements are not allowed here. Only ${ALLOWED} run.`;
}

/** Index just past the parenthesis that closes the one at `open`. */
function closeParen(tokens: readonly SqlToken[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const text = tokens[i]?.kind === 'symbol' ? tokens[i]?.text : undefined;
    if (text === '(') depth++;
    else if (text === ')' && --depth === 0) return i + 1;
  }
  return refuse('A parenthesis is never closed, so the statement cannot be checked.');
}

const isSymbol = (token: SqlToken | undefined, text: string) => token?.kind === 'symbol' && token.text === text;

/** A query expression: SELECT, a parenthesised query, VALUES or WITH … SELECT. */
function checkQuery(tokens: readonly SqlToken[], context: string): void {
  let at = 0;
  while (isSymbol(tokens[at], '(')) at++;
  const keyword = keywordOf(tokens[at]);
  if (keyword === 'SELECT' || keyword === 'VALUES' || keyword === 'TABLE') return;
  if (keyword === 'WITH') return checkWith(tokens.slice(at + 1));
  refuse(describeOther(keyword, context));
}

/** WITH [RECURSIVE] name [(cols)] AS (query) [, …] followed by the main statement, which must read. */
function checkWith(tokens: readonly SqlToken[]): void {
  let at = keywordOf(tokens[0]) === 'RECURSIVE' ? 1 : 0;
  for (;;) {
    const name = tokens[at];
    if (!name || (name.kind !== 'word' && name.kind !== 'quoted')) refuse('WITH must be followed by a name, as in WITH recent AS (SELECT …) SELECT …');
    at++;
    if (isSymbol(tokens[at], '(')) at = closeParen(tokens, at);
    if (keywordOf(tokens[at]) !== 'AS') refuse(`WITH ${name?.text} needs AS (SELECT …)`);
    at++;
    if (keywordOf(tokens[at]) === 'NOT') at++;
    if (keywordOf(tokens[at]) === 'MATERIALIZED') at++;
    if (!isSymbol(tokens[at], '(')) refuse(`WITH ${name?.text} AS needs a query in parentheses`);
    const end = closeParen(tokens, at);
    checkQuery(tokens.slice(at + 1, end - 1), `The WITH query ${name?.text} is not a SELECT: `);
    at = end;
    if (!isSymbol(tokens[at], ',')) break;
    at++;
  }
  const main = keywordOf(tokens[at]);
  if (main && WRITES.has(main))
    refuse(`This WITH clause feeds ${/^[AEIOU]/.test(main) ? 'an' : 'a'} ${main}, which changes data. The query library only runs read-only statements (${ALLOWED}).`);
  checkQuery(tokens.slice(at), 'After the WITH clause, ');
}

function checkStatement(tokens: readonly SqlToken[]): ReadOnlyKind {
  let at = 0;
  while (isSymbol(tokens[at], '(')) at++;
  const keyword = keywordOf(tokens[at]);
  switch (keyword) {
    case 'SHOW':
      return 'SHOW';
    case 'DESCRIBE':
    case 'DESC':
      return 'DESCRIBE';
    case 'EXPLAIN': {
      let rest = at + 1;
      // EXPLAIN ANALYZE runs the statement, so what it explains must itself be read-only.
      while (['ANALYZE', 'VERBOSE'].includes(keywordOf(tokens[rest]) ?? '')) rest++;
      if (isSymbol(tokens[rest], '(') && ['FORMAT', 'TYPE'].includes(keywordOf(tokens[rest + 1]) ?? ''))
        rest = closeParen(tokens, rest);
      if (rest >= tokens.length) refuse('EXPLAIN needs a statement to explain.');
      checkStatement(tokens.slice(rest));
      return 'EXPLAIN';
    }
    default:
      checkQuery(tokens, '');
      return 'SELECT';
  }
}

/** Splits on `;` outside literals and comments; empty pieces (a trailing `;`) are dropped. */
function splitStatements(tokens: readonly SqlToken[]): SqlToken[][] {
  const statements: SqlToken[][] = [[]];
  for (const token of tokens) {
    if (isSymbol(token, ';')) statements.push([]);
    else statements.at(-1)?.push(token);
  }
  return statements.filter((s) => s.length > 0);
}

export function checkReadOnly(sql: string): GuardVerdict {
  const statements = splitStatements(meaningfulTokens(sql));
  if (statements.length === 0)
    return { ok: false, reason: `The query is empty. Write one of ${ALLOWED}.` };
  if (statements.length > 1) {
    return {
      ok: false,
      reason: `Only one statement runs at a time, and this text has ${statements.length} (separated by ";"). Run them one by one.`,
    };
  }
  try {
    return { ok: true, kind: checkStatement(statements[0] as SqlToken[]) };
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, reason: error.message };
    throw error;
  }
}
