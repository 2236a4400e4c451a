import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { catalog, changeLogBucket } from '@/lib/resources';
import { DIALECT_MACRO_SQL } from '../sql/dialect';
import { CATALOG_NAME, ChangeLog, INTERNAL_SCHEMA } from './change-log';
import { errorTable } from '@/lib/analytics/error-table';
import { ErrorLog } from './error-log';
import { BoundedMap } from '../bounded-map';

/**
 * The DuckDB side of the facade: one in-memory instance whose attached database is named
 * `awsdatacatalog`, so `awsdatacatalog.sales_cdc.t`, `sales_cdc.t` and (with the query's
 * database as schema) `t` all resolve without rewriting SQL. Queries run on pooled connections,
 * one query per connection at a time, so StopQueryExecution can interrupt exactly one.
 */

export type EngineOptions = {
  dataDir: string;
  /** Connections for queries; at most this many run at once. */
  connections: number;
  /** DuckDB memory_limit, e.g. '2GB'; DuckDB's default (80% of RAM) when unset. */
  memoryLimit?: string;
  threads?: number;
  /** Keep the loaded change log in `.data/athena/` across restarts (default true). */
  persist?: boolean;
  onWarning?: (message: string) => void;
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export const DATABASES = ['default', catalog.database] as const;

/** The loaded change log, kept so a restart reads only the files that are new since. */
const DATABASE_FILE = 'change-log.duckdb';

/**
 * Attaches the catalog from its file, or in memory when there is none to use: persistence off,
 * or the file locked by another process on the same data directory, or unreadable (then it is
 * moved aside and rebuilt, since it only caches what S3 holds).
 */
async function attachCatalog(
  connection: DuckDBConnection,
  file: string | undefined,
  warn?: (message: string) => void,
): Promise<void> {
  if (!file) {
    await connection.run(`ATTACH ':memory:' AS ${quote(CATALOG_NAME)}`);
    return;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  try {
    await connection.run(`ATTACH ${literal(file)} AS ${quote(CATALOG_NAME)}`);
    return;
  } catch (error) {
    const message = (error as Error).message.split('\n')[0] ?? '';
    if (/lock/i.test(message)) {
      warn?.(`athena: ${file} is in use by another process; this engine keeps its change log in memory`);
      await connection.run(`ATTACH ':memory:' AS ${quote(CATALOG_NAME)}`);
      return;
    }
    warn?.(`athena: rebuilding ${file}, which could not be opened: ${message}`);
  }
  await fs.rename(file, `${file}.unreadable`).catch(() => undefined);
  await fs.rm(`${file}.wal`, { force: true });
  await connection.run(`ATTACH ${literal(file)} AS ${quote(CATALOG_NAME)}`);
}

export class Engine {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: { resolve: (c: DuckDBConnection) => void; reject: (error: unknown) => void }[] =
    [];
  private open = 0;
  private closed = false;
  /**
   * What planning a query tells, per query text (run-query.ts): dashboards repeat the same few
   * queries, and EXPLAIN plus the AST for Trino's column names cost as much as running them. Bills
   * are keyed by the change-log generation too, since they depend on which files are loaded.
   */
  readonly planFacts = {
    bytes: new BoundedMap<number>(1_000),
    names: new BoundedMap<(string | undefined)[] | undefined>(1_000),
  };

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly loader: DuckDBConnection,
    readonly changeLog: ChangeLog,
    private readonly maxConnections: number,
    readonly errorLog: ErrorLog,
  ) {}

  static async start(options: EngineOptions): Promise<Engine> {
    const dataDir = path.resolve(options.dataDir);
    const bucketRoot = path.join(dataDir, 's3', changeLogBucket.name);
    const readableRoots = [changeLogBucket.tablePrefix, changeLogBucket.legacyTablePrefix].map(
      (prefix) => `${path.join(bucketRoot, prefix)}${path.sep}`,
    );
    const tempDir = path.join(dataDir, 'athena', 'duckdb-tmp');
    const databaseFile = path.join(dataDir, 'athena', DATABASE_FILE);
    await fs.rm(tempDir, { recursive: true, force: true });
    await fs.mkdir(tempDir, { recursive: true });

    const config: Record<string, string> = {};
    if (options.threads) config.threads = String(options.threads);
    if (options.memoryLimit) config.memory_limit = options.memoryLimit;
    const instance = await DuckDBInstance.create(':memory:', config);
    const loader = await instance.connect();
    const setup = [
      'LOAD icu',
      "SET GLOBAL TimeZone = 'UTC'",
      // Trino divides integers as integers (7/2 = 3); DuckDB's default would give 3.5.
      'SET GLOBAL integer_division = true',
      `SET GLOBAL temp_directory = ${literal(tempDir)}`,
    ];
    for (const sql of setup) await loader.run(sql);
    // The loader ranks changes with the view's own SQL, which parses legacy times with Trino functions.
    for (const sql of DIALECT_MACRO_SQL) await loader.run(sql);
    await attachCatalog(loader, options.persist === false ? undefined : databaseFile, options.onWarning);
    for (const schema of [...DATABASES, INTERNAL_SCHEMA])
      await loader.run(`CREATE SCHEMA IF NOT EXISTS ${quote(CATALOG_NAME)}.${quote(schema)}`);
    const changeLog = new ChangeLog(loader, {
      bucketRoot,
      onUnreadableFile: (file, error) =>
        options.onWarning?.(
          `athena: skipped unreadable change-log file ${file}: ${error.message.split('\n')[0]}`,
        ),
    });
    await changeLog.open();
    const errorLogRoot = path.join(dataDir, 's3', errorTable.bucket, errorTable.prefix);
    const errorLog = new ErrorLog(loader, {
      root: errorLogRoot,
      onUnreadableFile: (file, error) =>
        options.onWarning?.(`athena: skipped unreadable error object ${file}: ${error.message.split('\n')[0]}`),
    });
    await errorLog.create();
    // Queries may read nothing but the change log (read_json/read_parquet on it are harmless); no other files.
    for (const sql of [
      `SET GLOBAL allowed_directories = [${[...readableRoots, `${errorLogRoot}${path.sep}`, `${tempDir}${path.sep}`].map(literal).join(', ')}]`,
      'SET GLOBAL enable_external_access = false',
      'SET GLOBAL lock_configuration = true',
    ]) {
      await loader.run(sql);
    }
    return new Engine(instance, loader, changeLog, options.connections, errorLog);
  }

  /** A connection for one query; wait for one when all are busy. */
  async acquire(): Promise<DuckDBConnection> {
    if (this.closed) throw new Error('The Athena engine is stopped');
    const ready = this.idle.pop();
    if (ready) return ready;
    if (this.open < this.maxConnections) {
      this.open++;
      try {
        const connection = await this.instance.connect();
        for (const sql of DIALECT_MACRO_SQL) await connection.run(sql);
        return connection;
      } catch (error) {
        this.open--;
        throw error;
      }
    }
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Returns a connection; one that may carry an interrupt is closed and replaced instead. */
  /** Loads whatever change-log and error objects arrived since the last refresh. */
  refreshSources(): Promise<unknown> {
    return Promise.all([this.changeLog.refresh(), this.errorLog.refresh()]);
  }

  release(connection: DuckDBConnection, reusable: boolean): void {
    if (!reusable || this.closed) {
      connection.closeSync();
      this.open--;
      const waiter = this.waiting.shift();
      if (waiter) this.acquire().then(waiter.resolve, waiter.reject);
      return;
    }
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(connection);
    else this.idle.push(connection);
  }

  async withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await this.acquire();
    try {
      return await work(connection);
    } finally {
      this.release(connection, true);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The Athena engine is stopped'));
    for (const connection of this.idle.splice(0)) connection.closeSync();
    this.loader.closeSync();
    this.instance.closeSync();
  }
}
