import type { Token } from './lexer';

/**
 * Navigation over a token list for the dialect rewrites: skipping whitespace and comments,
 * matching brackets and splitting call arguments. Indexes are positions in the full token list.
 */

const isNoise = (t: Token | undefined) => t?.kind === 'space' || t?.kind === 'comment';

/** Index of the next token that is not whitespace or a comment, from `from` on. */
export function nextSignificant(tokens: readonly Token[], from: number): number {
  let i = from;
  while (i < tokens.length && isNoise(tokens[i])) i++;
  return i;
}

/** Index of the previous token that is not whitespace or a comment, from `from` back (-1 if none). */
export function previousSignificant(tokens: readonly Token[], from: number): number {
  let i = from;
  while (i >= 0 && isNoise(tokens[i])) i--;
  return i;
}

export const isSymbol = (t: Token | undefined, text: string) => t?.kind === 'symbol' && t.text === text;
export const isWord = (t: Token | undefined, ...words: string[]) =>
  t?.kind === 'word' && words.includes(t.text.toUpperCase());

const PAIRS: Readonly<Record<string, string>> = { '(': ')', '[': ']' };
const OPENERS: Readonly<Record<string, string>> = { ')': '(', ']': '[' };

/** Index of the bracket closing the one at `open`, or -1 if it is never closed. */
export function matchingClose(tokens: readonly Token[], open: number): number {
  const opener = tokens[open]?.text ?? '';
  const closer = PAIRS[opener];
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isSymbol(tokens[i], opener)) depth++;
    else if (closer && isSymbol(tokens[i], closer) && --depth === 0) return i;
  }
  return -1;
}

/** Index of the bracket opening the one at `close`, or -1. */
export function matchingOpen(tokens: readonly Token[], close: number): number {
  const closer = tokens[close]?.text ?? '';
  const opener = OPENERS[closer];
  let depth = 0;
  for (let i = close; i >= 0; i--) {
    if (isSymbol(tokens[i], closer)) depth++;
    else if (opener && isSymbol(tokens[i], opener) && --depth === 0) return i;
  }
  return -1;
}

/** Indexes of the commas directly inside the brackets at `open`…`close`. */
export function topLevelCommas(tokens: readonly Token[], open: number, close: number): number[] {
  const commas: number[] = [];
  let depth = 0;
  for (let i = open + 1; i < close; i++) {
    const t = tokens[i] as Token;
    if (t.kind !== 'symbol') continue;
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') depth--;
    else if (t.text === ',' && depth === 0) commas.push(i);
  }
  return commas;
}

/** The argument texts of the call whose `(` is at `open` and `)` at `close`. */
export function argumentTexts(sql: string, tokens: readonly Token[], open: number, close: number): string[] {
  const bounds = [open, ...topLevelCommas(tokens, open, close), close];
  const args: string[] = [];
  for (let k = 0; k < bounds.length - 1; k++) {
    const text = sql.slice((tokens[bounds[k] as number] as Token).end, (tokens[bounds[k + 1] as number] as Token).start);
    if (text.trim() !== '' || bounds.length > 2) args.push(text.trim());
  }
  return args;
}

/** Whether the word at `i` is called: followed by `(` and not a qualified name's tail (`t.f`). */
export function isCall(tokens: readonly Token[], i: number): boolean {
  if (isSymbol(tokens[previousSignificant(tokens, i - 1)], '.')) return false;
  return isSymbol(tokens[nextSignificant(tokens, i + 1)], '(');
}
