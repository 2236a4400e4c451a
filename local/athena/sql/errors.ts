import { lineAndColumn, offsetOf } from './lexer';

/**
 * Turns a DuckDB error into the StateChangeReason an Athena user expects: a Trino-style error
 * code, `line L:C` of the query they sent (not of the rewritten one), and DuckDB's own words on
 * one line, without its source excerpt, caret or internal stack.
 */

export type QueryFailure = {
  reason: string;
  /** AthenaError.ErrorCategory: 1 system, 2 user, 3 other. */
  category: 1 | 2 | 3;
  retryable: boolean;
};

export type PositionContext = {
  /** The SQL DuckDB ran. */
  executedSql: string;
  /** The SQL the user sent, and how to map an offset in executedSql back to it. */
  originalSql: string;
  toOriginalOffset: (offset: number) => number;
};

const MAX_REASON = 2_000;

type Rule = { code: string; category?: 1 | 2 | 3; retryable?: boolean; when?: RegExp };

const RULES: Record<string, Rule[]> = {
  parser: [{ code: 'SYNTAX_ERROR' }],
  binder: [
    {
      code: 'COLUMN_NOT_FOUND',
      when: /referenced column|column .*(not found|does not exist)|could not find column/i,
    },
    {
      code: 'FUNCTION_NOT_FOUND',
      when: /no function matches|function .* does not (exist|support)|macro .* does not support/i,
    },
    { code: 'EXPRESSION_NOT_AGGREGATE', when: /must appear in the GROUP BY|aggregate function/i },
    // E.g. `UNNEST(items) AS t(item)` over an array of rows, which Trino expands into its fields.
    { code: 'MISMATCHED_COLUMN_ALIASES', when: /has \d+ columns available but \d+ columns specified/i },
    { code: 'TYPE_MISMATCH', when: /cannot compare|cannot mix|type mismatch|explicit (type )?cast/i },
    { code: 'SYNTAX_ERROR' },
  ],
  catalog: [
    { code: 'TABLE_NOT_FOUND', when: /table( or view)? with name|table .* does not exist/i },
    { code: 'SCHEMA_NOT_FOUND', when: /schema .* does not exist|catalog .* does not exist/i },
    { code: 'FUNCTION_NOT_FOUND', when: /function|macro/i },
    { code: 'GENERIC_USER_ERROR' },
  ],
  conversion: [{ code: 'INVALID_CAST_ARGUMENT' }],
  'out of range': [{ code: 'NUMERIC_VALUE_OUT_OF_RANGE' }],
  'invalid input': [{ code: 'INVALID_FUNCTION_ARGUMENT' }],
  'not implemented': [{ code: 'NOT_SUPPORTED' }],
  permission: [{ code: 'PERMISSION_DENIED' }],
  'out of memory': [{ code: 'EXCEEDED_LOCAL_MEMORY_LIMIT', category: 1, retryable: true }],
  io: [{ code: 'GENERIC_INTERNAL_ERROR', category: 1, retryable: true }],
  internal: [{ code: 'GENERIC_INTERNAL_ERROR', category: 1 }],
  fatal: [{ code: 'GENERIC_INTERNAL_ERROR', category: 1 }],
};

function ruleFor(kind: string, detail: string): Rule {
  const rules = RULES[kind.toLowerCase()] ?? [{ code: 'GENERIC_USER_ERROR' }];
  return rules.find((r) => !r.when || r.when.test(detail)) ?? { code: 'GENERIC_USER_ERROR' };
}

/** `LINE n: <excerpt>` followed by a caret line, as DuckDB appends to positioned errors. */
const EXCERPT = /\n?[ \t]*LINE (\d+): ([^\n]*)\n([ \t]*)\^[^\n]*/;

/** Where DuckDB's caret points, as an offset into the SQL it ran. */
function caretOffset(message: string, executedSql: string): number | undefined {
  const match = EXCERPT.exec(message);
  if (!match) return undefined;
  const line = Number(match[1]);
  const excerpt = match[2] as string;
  const prefixLength = `LINE ${match[1]}: `.length;
  const caretIndex = (match[3] as string).length - prefixLength;
  const lead = excerpt.startsWith('...') ? 3 : 0;
  const core = excerpt.slice(lead).replace(/\.\.\.$/, '');
  const sqlLine = executedSql.split('\n')[line - 1];
  if (sqlLine === undefined || core.length === 0) return undefined;
  const at = sqlLine.indexOf(core);
  if (at === -1) return undefined;
  return offsetOf(executedSql, line, at + Math.max(0, caretIndex - lead) + 1);
}

export function describeEngineError(message: string, position?: PositionContext): QueryFailure {
  const headline = /^([A-Za-z][A-Za-z ]*?) Error: ([\s\S]*)$/.exec(
    message.trim().replace(/^Failed to extract statements: /, ''),
  );
  const kind = headline?.[1] ?? '';
  let detail = headline?.[2] ?? message;

  let where = '';
  if (position) {
    const offset = caretOffset(detail, position.executedSql);
    if (offset !== undefined) {
      const { line, column } = lineAndColumn(position.originalSql, position.toOriginalOffset(offset));
      where = `line ${line}:${column}: `;
    }
  }
  detail = detail
    .replace(EXCERPT, '')
    .replace(/\n\s*Stack Trace:[\s\S]*$/i, '')
    .replace(/This error signals an assertion failure[\s\S]*$/i, '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' ')
    .trim();

  const rule = ruleFor(kind, detail);
  let reason = `${rule.code}: ${where}${detail}`;
  if (reason.length > MAX_REASON) reason = `${reason.slice(0, MAX_REASON - 1)}…`;
  return { reason, category: rule.category ?? 2, retryable: rule.retryable ?? false };
}

/** True for DuckDB's answer to an interrupted query. */
export function isInterrupt(message: string): boolean {
  return /^INTERRUPT Error/i.test(message.trim()) || /\bInterrupted!?$/.test(message.trim());
}
