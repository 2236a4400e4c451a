import { tokenize } from './lexer';

/**
 * ExecutionParameters, the way Athena applies them: each `?` placeholder (outside literals and
 * comments) takes the next value, as SQL text. Each value must be exactly one literal, so a
 * parameter can never smuggle in more SQL (`'paid' OR 1=1` is refused, not run).
 */

export class ParameterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParameterError';
  }
}

/** A text replacement made to the query, for mapping error positions back to the original. */
export type Edit = { start: number; end: number; replacement: string };

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const STRING = /^'(?:[^']|'')*'$/;
const TYPED = /^(DATE|TIME|TIMESTAMP|DECIMAL)\s+'(?:[^']|'')*'$/i;
const KEYWORD = /^(TRUE|FALSE|NULL)$/i;

/** The literal as it will appear in the query, or a ParameterError naming what is wrong. */
export function checkLiteral(value: string, index: number): string {
  const literal = value.trim();
  if (NUMBER.test(literal) || STRING.test(literal) || TYPED.test(literal) || KEYWORD.test(literal))
    return literal;
  const hint =
    /^'/.test(literal) || !/'/.test(literal)
      ? " Quote text as 'text', doubling any quote inside it ('O''Brien')."
      : '';
  throw new ParameterError(
    `ExecutionParameters[${index}] is not a single SQL literal: ${JSON.stringify(truncate(literal, 60))}. ` +
      `Use a number, a quoted string, DATE '…', TIMESTAMP '…', TRUE, FALSE or NULL.${hint}`,
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Positions of the `?` placeholders in a query. */
export function placeholderOffsets(sql: string): number[] {
  return tokenize(sql)
    .filter((t) => t.kind === 'param')
    .map((t) => t.start);
}

/** The query with each placeholder replaced by its parameter, and the edits made. */
export function bindParameters(
  sql: string,
  parameters: readonly string[] | undefined,
): { sql: string; edits: Edit[] } {
  const offsets = placeholderOffsets(sql);
  const given = parameters ?? [];
  if (offsets.length !== given.length) {
    throw new ParameterError(
      `Incorrect number of parameters: the query has ${offsets.length} placeholder${offsets.length === 1 ? '' : 's'} (?) ` +
        `but ${given.length} ExecutionParameter${given.length === 1 ? ' was' : 's were'} given`,
    );
  }
  const literals = given.map((value, i) => checkLiteral(value, i));
  const edits = offsets.map((start, i) => ({ start, end: start + 1, replacement: literals[i] as string }));
  return { sql: applyEdits(sql, edits), edits };
}

export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = '';
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    out += text.slice(at, edit.start) + edit.replacement;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Maps an offset in the edited text back to the original text (inside a replacement: its start). */
export function originalOffset(edits: readonly Edit[], editedOffset: number): number {
  let shift = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
    const editedStart = edit.start + shift;
    if (editedOffset < editedStart) break;
    const editedEnd = editedStart + edit.replacement.length;
    if (editedOffset < editedEnd) return edit.start;
    shift += edit.replacement.length - (edit.end - edit.start);
  }
  return editedOffset - shift;
}
