import { identifierName, significant, tokenize, unquote, type Token } from '../sql/lexer';

/**
 * DataScannedInBytes, measured the way Athena bills: a JSON object is read whole; a Parquet object
 * costs its footer plus the compressed column chunks of the columns the query reads. DuckDB's optimizer decides what each table scan reads (after pushing
 * filters through views, CTEs, subqueries and joins), and `EXPLAIN (FORMAT JSON)` shows each scan
 * with the filters pushed into it. A scan of order_changes counts the files of the `dt`
 * partitions its filters allow; a scan of the current state counts every file (a window over all
 * changes cannot be pruned). Filters this module cannot read are ignored, so the figure can
 * only err towards more bytes, never fewer.
 */

export type PlanScan = {
  table: string;
  filters: string[];
  /** Columns the scan outputs (DuckDB's "Projections"); filter columns are in `filters`. */
  projections: string[];
};

type PlanNode = { name?: string; children?: PlanNode[]; extra_info?: Record<string, unknown> };

/** Every table scan in an `EXPLAIN (FORMAT JSON)` plan, with its pushed-down filters. */
export function scansInPlan(planJson: string): PlanScan[] {
  const scans: PlanScan[] = [];
  const visit = (node: PlanNode) => {
    const info = node.extra_info ?? {};
    if (typeof info.Table === 'string') {
      const raw = info.Filters;
      const filters =
        typeof raw === 'string'
          ? [raw]
          : Array.isArray(raw)
            ? raw.filter((f): f is string => typeof f === 'string')
            : [];
      const rawProjections = info.Projections;
      const projections = (
        typeof rawProjections === 'string'
          ? rawProjections.split('\n')
          : Array.isArray(rawProjections)
            ? rawProjections.filter((p): p is string => typeof p === 'string')
            : []
      )
        .map((p) => p.trim())
        .filter(Boolean);
      scans.push({ table: info.Table.toLowerCase(), filters, projections });
    }
    for (const child of node.children ?? []) visit(child);
  };
  const parsed: unknown = JSON.parse(planJson);
  for (const root of Array.isArray(parsed) ? parsed : [parsed]) visit(root as PlanNode);
  return scans;
}

type Predicate = (value: string) => boolean;
const ANY: Predicate = () => true;

class Parser {
  private at = 0;
  constructor(
    private readonly tokens: readonly Token[],
    private readonly column: string,
  ) {}

  private peek(): Token | undefined {
    return this.tokens[this.at];
  }
  private isWord(word: string): boolean {
    const t = this.peek();
    return t?.kind === 'word' && t.text.toUpperCase() === word;
  }
  private isSymbol(symbol: string): boolean {
    const t = this.peek();
    return t?.kind === 'symbol' && t.text === symbol;
  }

  /** The predicate for the whole filter, or undefined when any part of it is unreadable. */
  parse(): Predicate | undefined {
    const predicate = this.or();
    return this.at === this.tokens.length ? predicate : undefined;
  }

  private or(): Predicate | undefined {
    const parts = [this.and()];
    while (this.isWord('OR')) {
      this.at++;
      parts.push(this.and());
    }
    if (parts.some((p) => p === undefined)) return undefined;
    const known = parts as Predicate[];
    return known.length === 1 ? known[0] : (v) => known.some((p) => p(v));
  }

  private and(): Predicate | undefined {
    const parts: (Predicate | undefined)[] = [this.atom()];
    while (this.isWord('AND')) {
      this.at++;
      parts.push(this.atom());
    }
    // An unreadable conjunct only narrows less: treat it as true.
    const known = parts.map((p) => p ?? ANY);
    return known.length === 1 ? known[0] : (v) => known.every((p) => p(v));
  }

  /** One comparison; undefined (and skipped to the next AND/OR) when it is not about the column. */
  private atom(): Predicate | undefined {
    if (this.isSymbol('(')) {
      this.at++;
      const inner = this.or();
      if (this.isSymbol(')')) {
        this.at++;
        return inner;
      }
      this.skipOperand();
      return undefined;
    }
    const start = this.at;
    const predicate = this.comparison();
    if (predicate) return predicate;
    this.at = start;
    this.skipOperand();
    return undefined;
  }

  private comparison(): Predicate | undefined {
    const column = this.peek();
    if (
      !column ||
      (column.kind !== 'word' && column.kind !== 'quoted') ||
      identifierName(column) !== this.column
    )
      return undefined;
    this.at++;
    if (this.isWord('IN')) {
      this.at++;
      if (!this.isSymbol('(')) return undefined;
      this.at++;
      const values = new Set<string>();
      for (;;) {
        const t = this.peek();
        if (t?.kind !== 'string') return undefined;
        values.add(unquote(t));
        this.at++;
        if (this.isSymbol(',')) this.at++;
        else break;
      }
      if (!this.isSymbol(')')) return undefined;
      this.at++;
      return (v) => values.has(v);
    }
    const op = this.peek();
    const literal = this.tokens[this.at + 1];
    if (op?.kind !== 'symbol' || literal?.kind !== 'string') return undefined;
    const value = unquote(literal);
    const compare: Record<string, Predicate> = {
      '=': (v) => v === value,
      '!=': (v) => v !== value,
      '<>': (v) => v !== value,
      '<': (v) => v < value,
      '<=': (v) => v <= value,
      '>': (v) => v > value,
      '>=': (v) => v >= value,
    };
    const predicate = compare[op.text];
    if (!predicate) return undefined;
    this.at += 2;
    return predicate;
  }

  /** Skips to the next top-level AND/OR/closing parenthesis. */
  private skipOperand(): void {
    let depth = 0;
    while (this.at < this.tokens.length) {
      if (depth === 0 && (this.isWord('AND') || this.isWord('OR') || this.isSymbol(')'))) return;
      if (this.isSymbol('(')) depth++;
      if (this.isSymbol(')')) depth--;
      this.at++;
    }
  }
}

/** What one pushed-down filter says about `column`: a predicate, or ANY when it says nothing readable. */
export function filterPredicate(filter: string, column: string): Predicate {
  const text = filter.replace(/^\s*optional:\s*/i, '');
  const tokens = significant(tokenize(text));
  return new Parser(tokens, column).parse() ?? ANY;
}

/** The partition values a scan with these filters can read. */
export function partitionsScanned(
  filters: readonly string[],
  column: string,
  partitions: readonly string[],
): string[] {
  const predicates = filters.map((f) => filterPredicate(f, column));
  return partitions.filter((p) => predicates.every((matches) => matches(p)));
}

/**
 * The columns of `known` a scan reads: its projections and the columns its pushed-down filters
 * test. Undefined (read everything) when a projection is not a plain column name.
 */
export function columnsRead(scan: PlanScan, known: ReadonlySet<string>): Set<string> | undefined {
  const columns = new Set<string>();
  for (const projection of scan.projections) {
    const name = projection.replace(/^"(.*)"$/, '$1').replaceAll('""', '"').toLowerCase();
    if (!known.has(name)) return undefined;
    columns.add(name);
  }
  for (const filter of scan.filters) {
    for (const token of significant(tokenize(filter))) {
      if (token.kind !== 'word' && token.kind !== 'quoted') continue;
      const name = identifierName(token);
      if (known.has(name)) columns.add(name);
    }
  }
  return columns;
}
