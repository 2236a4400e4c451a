/**
 * A small SQL lexer: enough to tell strings, quoted identifiers and comments apart from the
 * rest, so that parameter binding, statement classification and filter parsing never look
 * inside a literal. Lenient: an unterminated literal runs to the end of the text (DuckDB then
 * reports the syntax error with its position).
 */

export type TokenKind = 'space' | 'comment' | 'string' | 'quoted' | 'word' | 'number' | 'param' | 'symbol';

export type Token = { kind: TokenKind; text: string; start: number; end: number };

const WORD_START = /[A-Za-z_\u0080-\uffff]/;
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/;
const DIGIT = /[0-9]/;
const TWO_CHAR_SYMBOLS = new Set(['<=', '>=', '<>', '!=', '||', '::', '->', '=>']);

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) => {
    tokens.push({ kind, text: sql.slice(start, end), start, end });
    i = end;
  };
  while (i < sql.length) {
    const c = sql[i] as string;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      let j = i + 1;
      while (j < sql.length && /\s/.test(sql[j] as string)) j++;
      push('space', i, j);
    } else if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      push('comment', i, eol === -1 ? sql.length : eol);
    } else if (c === '/' && next === '*') {
      const close = sql.indexOf('*/', i + 2);
      push('comment', i, close === -1 ? sql.length : close + 2);
    } else if (c === "'" || c === '"' || c === '`') {
      push(c === "'" ? 'string' : 'quoted', i, endOfQuoted(sql, i, c));
    } else if (DIGIT.test(c) || (c === '.' && next !== undefined && DIGIT.test(next))) {
      push('number', i, endOfNumber(sql, i));
    } else if (WORD_START.test(c)) {
      let j = i + 1;
      while (j < sql.length && WORD_PART.test(sql[j] as string)) j++;
      push('word', i, j);
    } else if (c === '?') {
      push('param', i, i + 1);
    } else {
      push('symbol', i, TWO_CHAR_SYMBOLS.has(sql.slice(i, i + 2)) ? i + 2 : i + 1);
    }
  }
  return tokens;
}

/** End (exclusive) of a literal opened by `quote` at `start`; a doubled quote is an escaped one. */
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

function endOfNumber(sql: string, start: number): number {
  const match = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/.exec(sql.slice(start));
  return start + (match?.[0].length ?? 1);
}

/** Tokens that carry meaning: no whitespace, no comments. */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'space' && t.kind !== 'comment');
}

/** The value of a quoted literal or identifier token, with its quotes removed and doubled quotes undone. */
export function unquote(token: Token): string {
  if (token.kind !== 'string' && token.kind !== 'quoted') return token.text;
  const quote = token.text[0] as string;
  const body =
    token.text.endsWith(quote) && token.text.length >= 2 ? token.text.slice(1, -1) : token.text.slice(1);
  return body.replaceAll(quote + quote, quote);
}

/** A SQL identifier as DuckDB and Trino compare it: quoted names keep their case, bare names fold to lower case. */
export function identifierName(token: Token): string {
  return token.kind === 'quoted' ? unquote(token) : token.text.toLowerCase();
}

/** 1-based line and column of a character offset. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Character offset of a 1-based line and column, or undefined when the text has no such line. */
export function offsetOf(text: string, line: number, column: number): number | undefined {
  const lines = text.split('\n');
  if (line < 1 || line > lines.length) return undefined;
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += (lines[i] as string).length + 1;
  return offset + column - 1;
}
