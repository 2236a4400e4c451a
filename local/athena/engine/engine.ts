import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { catalog, changeLogBucket } from '@/lib/resources';
import { DIALECT_MACRO_SQL } from '../sql/dialect';
import { CATALOG_NAME, ChangeLog, INTERNAL_SCHEMA } from './change-log';

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
  onWarning?: (message: string) => void;
};

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export const DATABASES = ['default', catalog.database] as const;

export class Engine {
  private readonly idle: DuckDBConnection[] = [];
  private readonly waiting: { resolve: (c: DuckDBConnection) => void; reject: (error: unknown) => void }[] =
    [];
  private open = 0;
  private closed = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly loader: DuckDBConnection,
    readonly changeLog: ChangeLog,
    private readonly maxConnections: number,
  ) {}

  static async start(options: EngineOptions): Promise<Engine> {
    const dataDir = path.resolve(options.dataDir);
    const changeLogRoot = path.join(dataDir, 's3', changeLogBucket.name, changeLogBucket.tablePrefix);
    const tempDir = path.join(dataDir, 'athena', 'duckdb-tmp');
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
      `ATTACH ':memory:' AS ${quote(CATALOG_NAME)}`,
      ...[...DATABASES, INTERNAL_SCHEMA].map(
        (schema) => `CREATE SCHEMA ${quote(CATALOG_NAME)}.${quote(schema)}`,
      ),
    ];
    for (const sql of setup) await loader.run(sql);
    const changeLog = new ChangeLog(loader, {
      root: changeLogRoot,
      onUnreadableFile: (file, error) =>
        options.onWarning?.(
          `athena: skipped unreadable change-log file ${file}: ${error.message.split('\n')[0]}`,
        ),
    });
    await changeLog.create();
    // Queries may read nothing but the change log (read_json/read_parquet on it are harmless); no other files.
    for (const sql of [
      `SET GLOBAL allowed_directories = [${literal(`${changeLogRoot}${path.sep}`)}, ${literal(`${tempDir}${path.sep}`)}]`,
      'SET GLOBAL enable_external_access = false',
      'SET GLOBAL lock_configuration = true',
    ]) {
      await loader.run(sql);
    }
    return new Engine(instance, loader, changeLog, options.connections);
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
