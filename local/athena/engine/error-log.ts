import type { DuckDBConnection } from '@duckdb/node-api';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ERROR_COLUMNS, ERROR_HOUR_FORMAT, errorTable, type ErrorColumn } from '@/lib/analytics/error-table';

/**
 * `order_change_errors` as a native DuckDB table, loaded incrementally like the change log
 * (change-log.ts): before each query the loader lists the error prefix
 * (`<type>/<yyyy>/<MM>/<dd>/<HH>/<object>`, the layout Firehose and local/firehose-delivery.ts
 * write) and reads only objects it has not seen. Objects are immutable once in place.
 *
 * Lines are read as JSON objects and each column is extracted with its explicit type, because
 * DuckDB matches JSON keys case-sensitively and cannot hold `errorCode` and `ErrorCode` as two
 * columns of one read_json, while the table's SerDe on AWS treats them as one field. Lines that
 * are not JSON objects are skipped.
 */

const CATALOG_NAME = 'awsdatacatalog';
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export const ERROR_TABLE_SQL = `${q(CATALOG_NAME)}.${q(errorTable.database)}.${q(errorTable.name)}`;

/** Directory levels the hour takes in the key (`yyyy/MM/dd/HH` → 4). */
const HOUR_DEPTH = ERROR_HOUR_FORMAT.split('/').length;

export type ErrorFile = { path: string; errorOutputType: string; datehour: string; size: number };

export type ErrorLogOptions = {
  /** `<dataDir>/s3/<bucket>/errors/`. */
  root: string;
  onUnreadableFile?: (file: string, error: Error) => void;
};

function isDataFile(name: string): boolean {
  return !name.startsWith('.') && !name.startsWith('_') && !/\.(tmp|temp|partial|crc)$/i.test(name);
}

async function directories(dir: string): Promise<string[]> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** One column's value from a line's JSON: the first of its fields present, cast to its type. */
export function columnExpression(column: ErrorColumn, json = 'json'): string {
  const texts = column.fields.map((field) => `json_extract_string(${json}, ${literal(`$."${field}"`)})`);
  const text = texts.length === 1 ? texts[0]! : `coalesce(${texts.join(', ')})`;
  if (column.epochMillis) return `epoch_ms(TRY_CAST(${text} AS BIGINT))`;
  return column.duckdb === 'VARCHAR' ? text : `TRY_CAST(${text} AS ${column.duckdb})`;
}

export class ErrorLog {
  private readonly loaded = new Map<string, ErrorFile>();
  private readonly unreadable = new Set<string>();
  private running: Promise<void> | undefined;
  /**
   * Bumped after every pass that loaded something (whether or not every file was readable):
   * results computed at one generation stay valid until the next (result reuse, executions.ts).
   */
  generation = 0;
  private pending: Promise<void> | undefined;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly options: ErrorLogOptions,
  ) {}

  /** Creates the table empty (replacing one a persisted catalog kept): error objects are few, so each start reads them all. */
  async create(): Promise<void> {
    const columns = [...errorTable.columns, ...errorTable.partitions]
      .map((c) => `${q(c.name)} ${c.duckdb}`)
      .join(', ');
    await this.connection.run(`CREATE OR REPLACE TABLE ${ERROR_TABLE_SQL} (${columns})`);
  }

  /** Loads every error object that appeared since the last refresh. Concurrent callers share one pass. */
  refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.running) {
      this.running = this.loadNewFiles().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    const after = this.running.catch(() => undefined);
    this.pending = after.then(() => {
      this.pending = undefined;
      return this.refresh();
    });
    return this.pending;
  }

  /** Loaded objects per partition, as SHOW PARTITIONS names them. */
  partitions(): string[] {
    const names = new Set<string>();
    for (const file of this.loaded.values())
      names.add(`error_output_type=${file.errorOutputType}/datehour=${file.datehour}`);
    return [...names].sort();
  }

  private async listNewFiles(): Promise<ErrorFile[]> {
    const found: ErrorFile[] = [];
    const walk = async (dir: string, type: string, hour: string[]): Promise<void> => {
      if (hour.length === HOUR_DEPTH) {
        const names = await fs.readdir(dir).catch(() => [] as string[]);
        for (const name of names) {
          const file = path.join(dir, name);
          if (!isDataFile(name) || this.loaded.has(file) || this.unreadable.has(file)) continue;
          const stat = await fs.stat(file).catch(() => undefined);
          if (stat?.isFile()) found.push({ path: file, errorOutputType: type, datehour: hour.join('/'), size: stat.size });
        }
        return;
      }
      await Promise.all((await directories(dir)).map((name) => walk(path.join(dir, name), type, [...hour, name])));
    };
    const types = await directories(this.options.root);
    await Promise.all(types.map((type) => walk(path.join(this.options.root, type), type, [])));
    return found;
  }

  private async loadNewFiles(): Promise<void> {
    const files = await this.listNewFiles();
    for (const file of files) if (file.size === 0) this.loaded.set(file.path, file);
    const nonEmpty = files.filter((f) => f.size > 0);
    if (nonEmpty.length === 0) return;
    try {
      await this.loadOrIsolate(nonEmpty);
    } finally {
      this.generation++;
    }
  }

  private async loadOrIsolate(nonEmpty: ErrorFile[]): Promise<void> {
    try {
      await this.load(nonEmpty);
    } catch {
      // Find the unreadable object(s): one by one.
      for (const file of nonEmpty) {
        try {
          await this.load([file]);
        } catch (error) {
          this.unreadable.add(file.path);
          this.options.onUnreadableFile?.(file.path, error as Error);
        }
      }
    }
  }

  private async load(files: readonly ErrorFile[]): Promise<void> {
    const partitionOf = files
      .map((f) => `(${literal(f.path)}, ${literal(f.errorOutputType)}, ${literal(f.datehour)})`)
      .join(', ');
    const select = [
      ...ERROR_COLUMNS.map((c) => `${columnExpression(c, 'r.json')} AS ${q(c.name)}`),
      'p.error_output_type',
      'p.datehour',
    ].join(', ');
    await this.connection.run(
      `INSERT INTO ${ERROR_TABLE_SQL}
      SELECT ${select}
      FROM read_ndjson_objects([${files.map((f) => literal(f.path)).join(', ')}],
        ignore_errors = true, filename = true, maximum_object_size = 16777216) r
      JOIN (VALUES ${partitionOf}) p(file, error_output_type, datehour) ON r.filename = p.file
      WHERE r.json IS NOT NULL AND json_type(r.json) = 'OBJECT'`,
    );
    for (const file of files) this.loaded.set(file.path, file);
  }
}
