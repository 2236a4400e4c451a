/**
 * Just enough SQL lexing to reason about a query safely: strings, quoted identifiers and comments
 * are single tokens, so a keyword inside a literal or a comment is never mistaken for one.
 * Lenient: an unterminated literal runs to the end (the engine reports the syntax error).
 */

export type SqlTokenKind = 'space' | 'comment' | 'string' | 'quoted' | 'word' | 'number' | 'param' | 'symbol';

export type SqlToken = { kind: SqlTokenKind; text: string; start: number; end: number };

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;

function endOfQuoted(sql: string, start: number, quote: string): number {
  let j = start + 1;
  while (j < sql.length) {
    if (sql[j] === quote) {
      if (sql[j + 1] === quote) j += 2;
      else return j + 1;
    } else j++;
  }
  return sql.length;
}

export function tokenizeSql(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let i = 0;
  const push = (kind: SqlTokenKind, end: number) => {
    tokens.push({ kind, text: sql.slice(i, end), start: i, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j] as string)) j++;
      push('space', j);
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      push('comment', eol === -1 ? sql.length : eol);
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      push('comment', close === -1 ? sql.length : close + 2);
    } else if (c === "'") {
      push('string', endOfQuoted(sql, i, "'"));
    } else if (c === '"' || c === '`') {
      push('quoted', endOfQuoted(sql, i, c));
    } else if (/[0-9]/.test(c)) {
      const match = /^\d+(?:\.\d*)?(?:[eE][+-]?\d+)?/.exec(sql.slice(i));
      push('number', i + (match?.[0].length ?? 1));
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j] as string)) j++;
      push('word', j);
    } else if (c === '?') {
      push('param', i + 1);
    } else {
      push('symbol', i + 1);
    }
  }
  return tokens;
}

/** Tokens that carry meaning: no whitespace, no comments. */
export function meaningfulTokens(sql: string): SqlToken[] {
  return tokenizeSql(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** Upper-case keyword text of a word token, or undefined for anything else. */
export function keywordOf(token: SqlToken | undefined): string | undefined {
  return token?.kind === 'word' ? token.text.toUpperCase() : undefined;
}

/** An identifier as the engine compares it: quoted names keep their case, bare names fold to lower case. */
export function identifierOf(token: SqlToken): string {
  if (token.kind !== 'quoted') return token.text.toLowerCase();
  return token.text.slice(1, token.text.endsWith(token.text[0] as string) ? -1 : undefined);
}

/** The number of `?` placeholders outside literals and comments. */
export function countPlaceholders(sql: string): number {
  return tokenizeSql(sql).filter((t) => t.kind === 'param').length;
}
