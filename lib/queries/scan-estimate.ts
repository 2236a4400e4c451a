import { catalog } from '@/lib/resources';
import { formatBytes } from '@/lib/format-units';
import type { BoundParam } from './parameters';
import { identifierOf, keywordOf, meaningfulTokens, type SqlToken } from './sql-tokens';

/**
 * The cost pre-check: which partitions of the change log a query would read, from the sizes of
 * the `dt=…` folders. A scan of `order_changes` without a `dt` filter reads every partition and
 * gets a warning; `orders_current` reads every partition by design (current state needs every
 * change). Simple `dt` comparisons with literals or `?` values narrow the estimate; a filter the
 * check cannot read counts every partition, so the figure errs upwards, never downwards.
 */

export type PartitionSizes = ReadonlyMap<string, number>;

export type ScanEstimate = {
  reads_change_log: boolean;
  reads_current_view: boolean;
  dt_filtered: boolean;
  partitions_total: number;
  partitions_scanned: number;
  total_bytes: number;
  estimated_bytes: number;
  warning: string | null;
};

type Condition = (dt: string) => boolean;

const COMPARE: Record<string, (a: string, b: string) => boolean> = {
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
};

const isSymbol = (t: SqlToken | undefined, text: string) => t?.kind === 'symbol' && t.text === text;

/** A constant's text: a string literal, or the value bound to a `?`. */
function valueOf(token: SqlToken | undefined, paramIndex: Map<SqlToken, number>, params: readonly (BoundParam | null)[]): string | undefined {
  if (!token) return undefined;
  if (token.kind === 'string') return token.text.slice(1, -1).replaceAll("''", "'");
  if (token.kind === 'param') {
    const value = params[paramIndex.get(token) ?? -1];
    return value === undefined || value === null || value === '' ? undefined : String(value);
  }
  return undefined;
}

/** Comparison operators glued from single-character symbols (`>` `=` → `>=`). */
function operatorAt(tokens: readonly SqlToken[], at: number): { op: string; next: number } | undefined {
  const first = tokens[at];
  if (first?.kind !== 'symbol' || !['=', '<', '>'].includes(first.text)) return undefined;
  const second = tokens[at + 1];
  if ((first.text === '<' || first.text === '>') && isSymbol(second, '=')) return { op: `${first.text}=`, next: at + 2 };
  return { op: first.text, next: at + 1 };
}

function flip(op: string): string {
  return ({ '<': '>', '>': '<', '<=': '>=', '>=': '<=' } as Record<string, string>)[op] ?? op;
}

function readConditions(tokens: readonly SqlToken[], params: readonly (BoundParam | null)[]) {
  const paramIndex = new Map(tokens.filter((t) => t.kind === 'param').map((t, i) => [t, i] as const));
  const conditions: Condition[] = [];
  let unreadable = 0;
  const isDt = (t: SqlToken | undefined) => (t?.kind === 'word' || t?.kind === 'quoted') && identifierOf(t) === 'dt';
  tokens.forEach((token, i) => {
    if (!isDt(token)) return;
    // `c.dt` is as good as `dt`.
    const after = operatorAt(tokens, i + 1);
    if (after) {
      const value = valueOf(tokens[after.next], paramIndex, params);
      if (value !== undefined) {
        const compare = COMPARE[after.op];
        if (compare) conditions.push((dt) => compare(dt, value));
        return;
      }
    }
    // value op dt
    const prev = tokens[i - 1];
    const prev2 = tokens[i - 2];
    let op: string | undefined;
    let leftAt = i - 2;
    if (isSymbol(prev, '=') && (isSymbol(prev2, '<') || isSymbol(prev2, '>'))) {
      op = `${prev2?.text}=`;
      leftAt = i - 3;
    } else if (prev?.kind === 'symbol' && ['=', '<', '>'].includes(prev.text)) op = prev.text;
    const leftValue = op ? valueOf(tokens[leftAt], paramIndex, params) : undefined;
    if (op && leftValue !== undefined) {
      const compare = COMPARE[flip(op)] as (a: string, b: string) => boolean;
      conditions.push((dt) => compare(dt, leftValue));
      return;
    }
    if (keywordOf(tokens[i + 1]) === 'BETWEEN' && keywordOf(tokens[i + 3]) === 'AND') {
      const low = valueOf(tokens[i + 2], paramIndex, params);
      const high = valueOf(tokens[i + 4], paramIndex, params);
      if (low !== undefined && high !== undefined) {
        conditions.push((dt) => dt >= low && dt <= high);
        return;
      }
    }
    if (keywordOf(tokens[i + 1]) === 'IN' && isSymbol(tokens[i + 2], '(')) {
      const values: string[] = [];
      let j = i + 3;
      while (j < tokens.length && !isSymbol(tokens[j], ')')) {
        const value = valueOf(tokens[j], paramIndex, params);
        if (value !== undefined) values.push(value);
        else if (!isSymbol(tokens[j], ',')) return void unreadable++;
        j++;
      }
      conditions.push((dt) => values.includes(dt));
      return;
    }
    // A comparison the check cannot evaluate (a column, a function, LIKE, NOT …): count it as a
    // filter, but estimate every partition. A bare mention (SELECT dt, GROUP BY dt) filters nothing.
    const next = tokens[i + 1];
    if (after || op || ['LIKE', 'NOT', 'IN', 'BETWEEN'].includes(keywordOf(next) ?? '') || isSymbol(next, '!')) unreadable++;
  });
  return { conditions, unreadable };
}

export function estimateScan(sql: string, params: readonly (BoundParam | null)[], partitions: PartitionSizes): ScanEstimate {
  const tokens = meaningfulTokens(sql);
  const names = new Set(tokens.filter((t) => t.kind === 'word' || t.kind === 'quoted').map(identifierOf));
  const readsChangeLog = names.has(catalog.changeTable);
  const readsCurrent = names.has(catalog.currentView);
  const totalBytes = [...partitions.values()].reduce((a, b) => a + b, 0);
  const { conditions, unreadable } = readConditions(tokens, params);
  const dtFiltered = readsChangeLog && conditions.length + unreadable > 0;
  let scanned = [...partitions.entries()];
  if (readsCurrent || !readsChangeLog) scanned = readsCurrent ? scanned : [];
  else if (dtFiltered && unreadable === 0) scanned = scanned.filter(([dt]) => conditions.every((c) => c(dt)));
  const estimated = scanned.reduce((sum, [, bytes]) => sum + bytes, 0);
  const warning =
    readsChangeLog && !dtFiltered
      ? `This query scans the whole change log (${catalog.changeTable}): ${partitions.size} partition${partitions.size === 1 ? '' : 's'}, about ${formatBytes(totalBytes)}. Add a dt filter (for example WHERE dt >= '2026-01-01') to read only the days you need.`
      : null;
  return {
    reads_change_log: readsChangeLog,
    reads_current_view: readsCurrent,
    dt_filtered: dtFiltered,
    partitions_total: partitions.size,
    partitions_scanned: scanned.length,
    total_bytes: totalBytes,
    estimated_bytes: estimated,
    warning,
  };
}

export { formatBytes };
