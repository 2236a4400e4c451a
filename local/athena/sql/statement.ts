import { identifierName, significant, tokenize, unquote, type Token } from './lexer';

/**
 * What kind of statement a query is, before any engine sees it: Athena's StatementType and
 * SubstatementType, the catalog statements the facade answers itself (SHOW, DESCRIBE), and a
 * readable refusal for everything this read-only facade does not run.
 */

export type TableRef = { catalog?: string; database?: string; name: string };

export type CatalogStatement =
  | { kind: 'show-tables'; database?: string; pattern?: string }
  | { kind: 'show-views'; database?: string; pattern?: string }
  | { kind: 'show-databases'; pattern?: string }
  | { kind: 'show-columns'; table: TableRef }
  | { kind: 'show-partitions'; table: TableRef }
  | { kind: 'show-create'; object: 'table' | 'view'; table: TableRef }
  | { kind: 'describe'; table: TableRef };

export type AthenaStatementType = 'DDL' | 'DML' | 'UTILITY';

export type ClassifiedStatement = {
  statementType: AthenaStatementType;
  substatementType: string;
  /** Set for SHOW/DESCRIBE: answered from the catalog, not by the engine. */
  catalog?: CatalogStatement;
  /** Set when the facade will not run the statement: the FAILED reason. */
  refusal?: string;
};

const QUERY_KEYWORDS = new Set(['SELECT', 'WITH', 'VALUES', 'TABLE', 'FROM']);
const WRITE_KEYWORDS = new Set([
  'INSERT',
  'UPDATE',
  'DELETE',
  'MERGE',
  'UNLOAD',
  'CREATE',
  'DROP',
  'ALTER',
  'VACUUM',
  'OPTIMIZE',
  'TRUNCATE',
  'REPLACE',
]);
const DML_KEYWORDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE', 'UNLOAD', 'TRUNCATE']);
const DDL_KEYWORDS = new Set(['CREATE', 'DROP', 'ALTER', 'MSCK', 'SHOW', 'DESCRIBE', 'DESC']);

const READ_ONLY_HINT =
  'Query sales_cdc.order_changes and sales_cdc.orders_current with SELECT; both are defined in lib/analytics/catalog.ts.';
const SUPPORTED = 'The local Athena facade runs SELECT (WITH, VALUES), EXPLAIN, SHOW and DESCRIBE.';

class Cursor {
  private at = 0;
  constructor(private readonly tokens: readonly Token[]) {}
  peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }
  done(): boolean {
    return this.at >= this.tokens.length;
  }
  keyword(...words: string[]): string | undefined {
    const token = this.peek();
    if (token?.kind === 'word' && words.includes(token.text.toUpperCase())) {
      this.at++;
      return token.text.toUpperCase();
    }
    return undefined;
  }
  take(): Token | undefined {
    const token = this.peek();
    if (token) this.at++;
    return token;
  }
  symbol(text: string): boolean {
    if (this.peek()?.kind === 'symbol' && this.peek()?.text === text) {
      this.at++;
      return true;
    }
    return false;
  }
}

/** The tokens that matter, without trailing semicolons. */
function meaningful(sql: string): Token[] {
  const tokens = significant(tokenize(sql));
  while (tokens.at(-1)?.kind === 'symbol' && tokens.at(-1)?.text === ';') tokens.pop();
  return tokens;
}

function leadingKeyword(tokens: readonly Token[]): string {
  const first = tokens.find((t) => !(t.kind === 'symbol' && t.text === '('));
  return first?.kind === 'word' ? first.text.toUpperCase() : (first?.text ?? '');
}

export function classifyStatement(sql: string): ClassifiedStatement {
  const tokens = meaningful(sql);
  const keyword = leadingKeyword(tokens);
  if (QUERY_KEYWORDS.has(keyword)) return { statementType: 'DML', substatementType: 'SELECT' };
  if (keyword === 'EXPLAIN') return { statementType: 'UTILITY', substatementType: 'EXPLAIN' };
  if (keyword === 'SHOW' || keyword === 'DESCRIBE' || keyword === 'DESC')
    return classifyCatalogStatement(tokens);

  const statementType: AthenaStatementType = DML_KEYWORDS.has(keyword)
    ? 'DML'
    : DDL_KEYWORDS.has(keyword)
      ? 'DDL'
      : 'UTILITY';
  const second = tokens[1]?.kind === 'word' ? tokens[1].text.toUpperCase() : undefined;
  const substatementType = [keyword, second].filter(Boolean).join('_') || 'UNKNOWN';
  if (
    keyword === 'MSCK' ||
    (keyword === 'ALTER' && tokens.some((t) => t.kind === 'word' && t.text.toUpperCase() === 'PARTITION'))
  ) {
    return {
      statementType,
      substatementType,
      refusal:
        'NOT_SUPPORTED: Partitions are discovered automatically: every dt=… folder of the change log is queryable as soon as a file lands in it.',
    };
  }
  if (WRITE_KEYWORDS.has(keyword)) {
    return {
      statementType,
      substatementType,
      refusal: `NOT_SUPPORTED: The local Athena facade is read-only, so ${keyword} statements are not run. ${READ_ONLY_HINT}`,
    };
  }
  if (keyword === 'PREPARE' || keyword === 'EXECUTE' || keyword === 'DEALLOCATE') {
    return {
      statementType,
      substatementType,
      refusal:
        'NOT_SUPPORTED: Prepared statements are not supported locally; pass ExecutionParameters to StartQueryExecution instead.',
    };
  }
  if (!keyword)
    return {
      statementType,
      substatementType: 'UNKNOWN',
      refusal: 'SYNTAX_ERROR: line 1:1: The query is empty',
    };
  return {
    statementType,
    substatementType,
    refusal: `NOT_SUPPORTED: ${keyword} statements are not supported. ${SUPPORTED}`,
  };
}

function parseTableRef(cursor: Cursor): TableRef | undefined {
  const parts: string[] = [];
  do {
    const token = cursor.take();
    if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) return undefined;
    parts.push(identifierName(token));
  } while (cursor.symbol('.'));
  if (parts.length > 3) return undefined;
  const [name, database, catalog] = parts.reverse() as [string, string | undefined, string | undefined];
  return { catalog, database, name };
}

function parsePattern(cursor: Cursor): string | undefined {
  cursor.keyword('LIKE');
  const token = cursor.peek();
  if (token?.kind !== 'string') return undefined;
  cursor.take();
  return unquote(token);
}

function classifyCatalogStatement(tokens: readonly Token[]): ClassifiedStatement {
  const cursor = new Cursor(tokens);
  const unsupported = (what: string): ClassifiedStatement => ({
    statementType: 'DDL',
    substatementType: what.replace(/\s+/g, '_').toUpperCase(),
    refusal: `NOT_SUPPORTED: ${what} is not supported locally. Supported: SHOW TABLES, SHOW VIEWS, SHOW DATABASES, SHOW COLUMNS IN t, SHOW PARTITIONS t, SHOW CREATE TABLE|VIEW t, DESCRIBE t.`,
  });
  const syntax = (message: string): ClassifiedStatement => ({
    statementType: 'DDL',
    substatementType: 'UNKNOWN',
    refusal: `SYNTAX_ERROR: ${message}`,
  });
  const finish = (substatementType: string, catalog: CatalogStatement): ClassifiedStatement =>
    cursor.done()
      ? { statementType: 'DDL', substatementType, catalog }
      : syntax(`unexpected "${cursor.peek()?.text}" after ${substatementType.replaceAll('_', ' ')}`);

  if (cursor.keyword('DESCRIBE', 'DESC')) {
    if (cursor.keyword('INPUT', 'OUTPUT')) return unsupported('DESCRIBE INPUT/OUTPUT');
    cursor.keyword('EXTENDED', 'FORMATTED');
    const table = parseTableRef(cursor);
    return table
      ? finish('DESCRIBE_TABLE', { kind: 'describe', table })
      : syntax('DESCRIBE needs a table name');
  }
  cursor.keyword('SHOW');
  const what = cursor.keyword('TABLES', 'VIEWS', 'DATABASES', 'SCHEMAS', 'COLUMNS', 'PARTITIONS', 'CREATE');
  switch (what) {
    case 'TABLES':
    case 'VIEWS': {
      const database = cursor.keyword('IN', 'FROM') ? cursor.take() : undefined;
      const pattern = parsePattern(cursor);
      const kind = what === 'TABLES' ? 'show-tables' : 'show-views';
      return finish(`SHOW_${what}`, { kind, database: database && identifierName(database), pattern });
    }
    case 'DATABASES':
    case 'SCHEMAS':
      return finish('SHOW_DATABASES', { kind: 'show-databases', pattern: parsePattern(cursor) });
    case 'COLUMNS': {
      if (!cursor.keyword('IN', 'FROM')) return syntax('SHOW COLUMNS needs IN <table>');
      const table = parseTableRef(cursor);
      if (!table) return syntax('SHOW COLUMNS needs a table name');
      if (cursor.keyword('IN', 'FROM')) {
        const database = cursor.take();
        if (database) table.database = identifierName(database);
      }
      return finish('SHOW_COLUMNS', { kind: 'show-columns', table });
    }
    case 'PARTITIONS': {
      const table = parseTableRef(cursor);
      return table
        ? finish('SHOW_PARTITIONS', { kind: 'show-partitions', table })
        : syntax('SHOW PARTITIONS needs a table name');
    }
    case 'CREATE': {
      const object = cursor.keyword('TABLE', 'VIEW');
      const table = object && parseTableRef(cursor);
      if (!object || !table) return syntax('SHOW CREATE needs TABLE or VIEW and a name');
      return finish(`SHOW_CREATE_${object}`, {
        kind: 'show-create',
        object: object === 'TABLE' ? 'table' : 'view',
        table,
      });
    }
    default:
      return unsupported(`SHOW ${cursor.peek()?.text.toUpperCase() ?? ''}`.trim());
  }
}

/** Athena's SHOW patterns: `*` matches anything and `|` separates alternatives; case-insensitive. */
export function matchesShowPattern(name: string, pattern: string | undefined): boolean {
  if (pattern === undefined) return true;
  const alternatives = pattern.split('|').map((p) =>
    p
      .trim()
      .replace(/[.+?^${}()[\]\\]/g, '\\$&')
      .replaceAll('*', '.*'),
  );
  return new RegExp(`^(?:${alternatives.join('|')})$`, 'i').test(name);
}
