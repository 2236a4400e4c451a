import { StatementType, type DuckDBConnection, type DuckDBPreparedStatement } from '@duckdb/node-api';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { catalog } from '@/lib/resources';
import { csvRecord, type Cell } from '../results/csv';
import { formatterFor } from '../results/format-value';
import { athenaColumnType, type AthenaColumnType } from '../results/types';
import { describeEngineError, isInterrupt, type PositionContext, type QueryFailure } from '../sql/errors';
import { currentView } from '@/lib/analytics/catalog';
import { CHANGE_ROW_COLUMNS, PARTITION_COLUMN } from '@/lib/cdc/change-row';
import { PATH_PSEUDO_COLUMN } from '../sql/dialect';
import { CATALOG_NAME, CURRENT_STATE_TABLE, INTERNAL_SCHEMA, type PartitionBytes, type SourceName } from './change-log';
import type { Engine } from './engine';
import { columnsRead, partitionsScanned, scansInPlan } from './scan-bytes';

/** Cancellation shared by the executions manager (Stop, timeout) and the running query. */
export class Cancellation {
  private listeners: (() => void)[] = [];
  reason: 'stopped' | 'timeout' | undefined;

  cancel(reason: 'stopped' | 'timeout'): void {
    if (this.reason) return;
    this.reason = reason;
    for (const listener of this.listeners.splice(0)) listener();
  }

  get cancelled(): boolean {
    return this.reason !== undefined;
  }

  onCancel(listener: () => void): () => void {
    if (this.reason) listener();
    else this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }
}

export type ResultColumn = { name: string } & AthenaColumnType;

export type RunRequest = {
  /** SQL to run: parameters bound, dialect rewrites applied. */
  sql: string;
  position: PositionContext;
  database: string;
  /** Final path of the result CSV; written under a temporary name first. */
  resultFile: string;
  bytesScannedCutoff?: number;
  cancellation: Cancellation;
  /** The change and error logs were just refreshed for this query (a result-reuse check). */
  sourcesRefreshed?: boolean;
};

export type RunOutcome = { dataScannedBytes: number; planningMs: number } & (
  | { state: 'SUCCEEDED'; columns: ResultColumn[]; rows: number }
  | { state: 'FAILED'; failure: QueryFailure }
  | { state: 'CANCELLED'; reason?: string }
);

class Cancelled extends Error {}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const READ_ONLY =
  'NOT_SUPPORTED: The local Athena facade is read-only and runs SELECT (WITH, VALUES), EXPLAIN, SHOW and DESCRIBE statements only.';

const CHANGE_COLUMNS: ReadonlySet<string> = new Set([
  ...CHANGE_ROW_COLUMNS.map((c) => c.name),
  PARTITION_COLUMN.name,
  PATH_PSEUDO_COLUMN,
]);
const CURRENT_COLUMNS: ReadonlySet<string> = new Set(currentView.columns);
/** The view ranks each order's changes by these, and drops orders whose latest change is a REMOVE. */
const RANKING_COLUMNS = ['order_id', 'version', 'sequence_number', 'event_name'];
/** Current-state columns named differently in the change log (`change_time AS last_change_time`). */
const CURRENT_TO_CHANGE: Record<string, string> = { last_change_time: 'change_time' };

/** Bytes of these partitions when reading `columns` (undefined: every column). */
function bytesRead(
  partitions: Map<string, PartitionBytes>,
  dts: readonly string[],
  columns: ReadonlySet<string> | undefined,
): number {
  let total = 0;
  for (const dt of dts) {
    const partition = partitions.get(dt);
    if (!partition) continue;
    if (!columns) {
      total += partition.bytes;
      continue;
    }
    total += partition.fixedBytes;
    for (const column of columns) total += partition.columnBytes.get(column) ?? 0;
  }
  return total;
}

/**
 * Bytes of change-log files the plan's table scans read (see scan-bytes.ts). A scan of the
 * materialized current state reads, in Athena, the view's columns it needs from the change log
 * plus the columns the view ranks by; it cannot be pruned by dt.
 */
function scannedBytes(
  planJson: string,
  partitions: Record<SourceName, Map<string, PartitionBytes>>,
): number {
  const tables: Record<string, SourceName> = {
    [`${CATALOG_NAME}.${catalog.database}.${catalog.changeTable}`]: 'typed',
    [`${CATALOG_NAME}.${catalog.database}.${catalog.legacyChangeTable}`]: 'legacy',
  };
  const currentState = `${CATALOG_NAME}.${INTERNAL_SCHEMA}.${CURRENT_STATE_TABLE}`;
  let total = 0;
  for (const scan of scansInPlan(planJson)) {
    if (scan.table === currentState) {
      // The view reads both change tables whole.
      const read = columnsRead(scan, CURRENT_COLUMNS);
      const columns = read
        ? new Set([...RANKING_COLUMNS, ...[...read].map((c) => CURRENT_TO_CHANGE[c] ?? c)])
        : undefined;
      for (const source of Object.values(partitions)) total += bytesRead(source, [...source.keys()], columns);
      continue;
    }
    const source = tables[scan.table];
    if (!source) continue;
    const all = [...partitions[source].keys()];
    const dts = partitionsScanned(scan.filters, PARTITION_COLUMN.name, all);
    total += bytesRead(partitions[source], dts, columnsRead(scan, CHANGE_COLUMNS));
  }
  return total;
}

const INTERRUPT_REPEAT_MS = 50;

export async function runQuery(engine: Engine, request: RunRequest): Promise<RunOutcome> {
  const started = performance.now();
  let planningMs = 0;
  let dataScannedBytes = 0;
  const { cancellation } = request;
  const connection = await engine.acquire();
  let interrupted = false;
  let reinterrupt: NodeJS.Timeout | undefined;
  const stopListening = cancellation.onCancel(() => {
    interrupted = true;
    connection.interrupt();
    // An interrupt that lands just before DuckDB starts the statement is lost (a new statement
    // clears the flag), and the query would then run to its end. So keep interrupting until this
    // run is over; an interrupted connection is discarded afterwards, never reused.
    reinterrupt = setInterval(() => connection.interrupt(), INTERRUPT_REPEAT_MS);
  });
  const checkpoint = () => {
    if (cancellation.cancelled) throw new Cancelled();
  };
  const failed = (failure: QueryFailure): RunOutcome => ({
    state: 'FAILED',
    failure,
    dataScannedBytes,
    planningMs,
  });
  let prepared: DuckDBPreparedStatement | undefined;
  try {
    if (!request.sourcesRefreshed) await engine.refreshSources();
    checkpoint();
    try {
      await connection.run(`USE ${quote(CATALOG_NAME)}.${quote(request.database)}`);
    } catch {
      return failed({
        reason: `SCHEMA_NOT_FOUND: Schema '${request.database}' does not exist`,
        category: 2,
        retryable: false,
      });
    }
    let statementCount: number;
    try {
      const extracted = await connection.extractStatements(request.sql);
      statementCount = extracted.count;
      if (statementCount === 1) prepared = await extracted.prepare(0);
    } catch (error) {
      if (cancellation.cancelled) throw new Cancelled();
      return failed(describeEngineError((error as Error).message, request.position));
    }
    if (statementCount !== 1 || !prepared) {
      return failed({
        reason:
          statementCount === 0
            ? 'SYNTAX_ERROR: line 1:1: The query is empty'
            : `NOT_SUPPORTED: Only one sql statement is allowed. Got: ${statementCount}`,
        category: 2,
        retryable: false,
      });
    }
    const statementType = prepared.statementType;
    if (statementType !== StatementType.SELECT && statementType !== StatementType.EXPLAIN)
      return failed({ reason: READ_ONLY, category: 2, retryable: false });

    if (statementType === StatementType.SELECT) {
      // The bill depends only on the text and the loaded files: a repeated query skips the EXPLAIN.
      const { planFacts } = engine;
      const billKey = `${engine.changeLog.generation}\n${request.sql}`;
      const billed = planFacts.bytes.get(billKey);
      if (billed !== undefined) dataScannedBytes = billed;
      else {
        const partitions = { typed: engine.changeLog.partitions('typed'), legacy: engine.changeLog.partitions('legacy') };
        try {
          const plan = await connection.runAndReadAll(`EXPLAIN (FORMAT JSON) ${request.sql}`);
          dataScannedBytes = scannedBytes(String(plan.value(1, 0)), partitions);
        } catch {
          // A statement EXPLAIN cannot wrap: count the whole log rather than nothing.
          dataScannedBytes = [...partitions.typed.values(), ...partitions.legacy.values()].reduce((sum, p) => sum + p.bytes, 0);
        }
        planFacts.bytes.set(billKey, dataScannedBytes);
      }
      const cutoff = request.bytesScannedCutoff;
      if (cutoff !== undefined && dataScannedBytes > cutoff) {
        return {
          state: 'CANCELLED',
          reason: `Bytes scanned limit was exceeded: the query would scan ${dataScannedBytes} bytes and the workgroup's BytesScannedCutoffPerQuery is ${cutoff} bytes. Filter on dt to read fewer partitions.`,
          dataScannedBytes: 0,
          planningMs: performance.now() - started,
        };
      }
    }
    let names: (string | undefined)[] | undefined;
    if (statementType === StatementType.SELECT) {
      const { names: known } = engine.planFacts;
      names = known.get(request.sql) ?? (await trinoColumnNames(connection, request.sql));
      known.set(request.sql, names);
    }
    planningMs = performance.now() - started;
    checkpoint();
    const { columns, rows } = await writeResults(
      prepared,
      statementType === StatementType.EXPLAIN,
      request.resultFile,
      checkpoint,
      names,
    );
    return { state: 'SUCCEEDED', columns, rows, dataScannedBytes, planningMs };
  } catch (error) {
    if (
      error instanceof Cancelled ||
      (cancellation.cancelled && isInterrupt((error as Error).message ?? ''))
    ) {
      return { state: 'CANCELLED', dataScannedBytes, planningMs };
    }
    return failed(describeEngineError((error as Error).message ?? String(error), request.position));
  } finally {
    stopListening();
    clearInterval(reinterrupt);
    prepared?.destroySync();
    engine.release(connection, !interrupted);
  }
}

type SelectListItem = { class?: string; alias?: string; column_names?: string[] };
type QueryNode = { type?: string; select_list?: SelectListItem[]; left?: QueryNode };

/**
 * Result column names as Trino gives them: the alias, else the referenced column's name, else
 * `_colN`; all lower case. DuckDB would name `count(*)` "count_star()". Undefined (keep DuckDB's
 * names, lower-cased) when the select list has a `*` and positions cannot be matched.
 */
function trinoNamesFromAst(astJson: string): (string | undefined)[] | undefined {
  const ast = JSON.parse(astJson) as { error?: boolean; statements?: { node?: QueryNode }[] };
  let node = ast.error ? undefined : ast.statements?.[0]?.node;
  while (node?.type === 'SET_OPERATION_NODE') node = node.left;
  const list = node?.type === 'SELECT_NODE' ? node.select_list : undefined;
  if (!list || list.some((item) => item.class === 'STAR')) return undefined;
  return list.map((item, i) => {
    if (item.alias) return item.alias;
    if (item.class === 'COLUMN_REF' && item.column_names?.length) return item.column_names.at(-1);
    return `_col${i}`;
  });
}

async function trinoColumnNames(
  connection: DuckDBConnection,
  sql: string,
): Promise<(string | undefined)[] | undefined> {
  try {
    const reader = await connection.runAndReadAll('SELECT json_serialize_sql(CAST($1 AS VARCHAR))', [sql]);
    return trinoNamesFromAst(String(reader.value(0, 0)));
  } catch {
    return undefined;
  }
}

/** Streams the result into `<file>.tmp` as Athena's CSV, then renames it into place. */
async function writeResults(
  prepared: DuckDBPreparedStatement,
  explain: boolean,
  file: string,
  checkpoint: () => void,
  names?: (string | undefined)[],
): Promise<{ columns: ResultColumn[]; rows: number }> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  const handle = await fs.open(temporary, 'w');
  let rows = 0;
  let completed = false;
  try {
    checkpoint(); // Cancelled while the file was being opened: do not start the statement.
    const result = await prepared.stream();
    let columns: ResultColumn[];
    let toRows: (values: (string | null)[][]) => Cell[][];
    if (explain) {
      // DuckDB answers (explain_key, explain_value); Athena has one "Query Plan" column of lines.
      columns = [{ name: 'Query Plan', ...athenaColumnType(result.columnType(1)) }];
      toRows = (values) =>
        values.flatMap((row) =>
          String(row[1] ?? '')
            .split('\n')
            .map((line) => [line]),
        );
    } else {
      const duckdbNames = result.columnNames();
      const usable = names?.length === duckdbNames.length ? names : undefined;
      // VALUES without names: DuckDB says col0, Trino _col0.
      const fallback = (name: string) => name.replace(/^col(\d+)$/, '_col$1');
      columns = duckdbNames.map((name, i) => ({
        name: (usable?.[i] ?? fallback(name)).toLowerCase(),
        ...athenaColumnType(result.columnType(i)),
      }));
      toRows = (values) => values;
    }
    const formatters = result.columnTypes().map(formatterFor);
    await handle.write(csvRecord(columns.map((c) => c.name)));
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      checkpoint();
      const byColumn = formatters.map((format, c) => chunk.getColumnValues(c).map(format));
      const values: (string | null)[][] = [];
      for (let r = 0; r < chunk.rowCount; r++) values.push(byColumn.map((column) => column[r] ?? null));
      const out = toRows(values);
      rows += out.length;
      await handle.write(out.map(csvRecord).join(''));
    }
    await handle.close();
    await fs.rename(temporary, file);
    completed = true;
    return { columns, rows };
  } finally {
    if (!completed) {
      await handle.close().catch(() => undefined);
      await fs.rm(temporary, { force: true });
    }
  }
}
