import type { DuckDBConnection } from '@duckdb/node-api';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { allChangesSql, currentStateSql, currentViewSql } from '@/lib/analytics/catalog';
import { CHANGE_ROW_COLUMNS, LEGACY_CHANGE_ROW_COLUMNS, PARTITION_COLUMN } from '@/lib/cdc/change-row';
import { catalog, changeLogBucket } from '@/lib/resources';
import { PATH_PSEUDO_COLUMN } from '../sql/dialect';
import { DirectoryListing, type ListedFile } from './change-log-listing';

/**
 * The change log as native DuckDB tables, loaded incrementally and kept on disk. Firehose files
 * are immutable once renamed into place, so each file is read once; before every query the loader
 * checks the partitions (change-log-listing.ts) and loads only files it has not seen.
 *
 * Two tables, as on AWS: `order_changes` (time columns typed `timestamp`) and `order_changes_v1`
 * (the change log written before that, times as strings, where it was). `orders_current` is kept
 * materialized over both: after each load, the rows of every order the batch touched are
 * recomputed by the view's own SQL (lib/analytics/catalog.ts) over all changes of just those
 * orders. That is exact because the view ranks each order's changes independently. The table is
 * kept sorted by `order_date`, so a date-range filter skips whole row groups.
 *
 * The database is a file under `.data/athena/`, with the list of files it has loaded in the same
 * transactions as their rows, so a restart (even after kill -9) loads only what is new instead of
 * re-reading the whole log. A catalog definition it was not built with means a rebuild.
 */

export const CATALOG_NAME = 'awsdatacatalog';
/** Internal schema, outside what SHOW lists: the materialized current state lives here. */
export const INTERNAL_SCHEMA = '_local';
export const CURRENT_STATE_TABLE = 'orders_current_state';
/** Athena's pseudo-column: stored as each change table's last column; `SELECT *` leaves it out. */
const PATH_COLUMN = PATH_PSEUDO_COLUMN;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const internal = (name: string) => `${q(CATALOG_NAME)}.${q(INTERNAL_SCHEMA)}.${q(name)}`;

export const CHANGE_TABLE_SQL = `${q(CATALOG_NAME)}.${q(catalog.database)}.${q(catalog.changeTable)}`;
export const LEGACY_TABLE_SQL = `${q(CATALOG_NAME)}.${q(catalog.database)}.${q(catalog.legacyChangeTable)}`;
const CURRENT_STATE_SQL = internal(CURRENT_STATE_TABLE);
const LOADED_FILES_SQL = internal('loaded_files');
const META_SQL = internal('meta');

/** Changes to what the tables hold or how they are derived change this, and force a rebuild. */
const FINGERPRINT = JSON.stringify({
  layout: 2,
  columns: CHANGE_ROW_COLUMNS,
  legacy: LEGACY_CHANGE_ROW_COLUMNS,
  view: currentViewSql,
});

/** Re-sort the current state once this share of it was rewritten since the last sort. */
const RESORT_SHARE = 0.1;

export type SourceName = 'typed' | 'legacy';

type Source = {
  name: SourceName;
  table: string;
  columns: readonly { name: string; duckdb: string }[];
  listing: DirectoryListing;
};

export type LoadedFile = {
  path: string;
  dt: string;
  size: number;
  /**
   * Parquet only: compressed bytes of each top-level column's chunks, from the file's footer.
   * Athena bills a Parquet scan by the column chunks it reads; a JSON file is billed whole.
   */
  columnBytes?: Map<string, number>;
};

/** What a partition's files bill: JSON files and Parquet footers whole, Parquet columns per column. */
export type PartitionBytes = {
  files: number;
  /** Size of every file. */
  bytes: number;
  /** Bytes any read of the partition pays: JSON files whole, plus each Parquet file's footer and magic. */
  fixedBytes: number;
  /** Parquet column chunk bytes by top-level column name. */
  columnBytes: Map<string, number>;
};

/** Firehose's record format conversion writes `.parquet` objects; everything else is read as JSON. */
function isParquetFile(name: string): boolean {
  return name.toLowerCase().endsWith('.parquet');
}

export type ChangeLogOptions = {
  /** The change log bucket's directory: `<dataDir>/s3/<bucket>`. */
  bucketRoot: string;
  /** Called with a file that DuckDB could not read at all; it is skipped, as Athena would fail on it. */
  onUnreadableFile?: (file: string, error: Error) => void;
};

export class ChangeLog {
  private readonly sources: Source[];
  private readonly loaded = new Map<string, LoadedFile & { source: SourceName }>();
  private readonly unreadable = new Set<string>();
  private running: Promise<void> | undefined;
  /**
   * Bumped after every pass that loaded something (whether or not every file was readable):
   * results computed at one generation stay valid until the next (result reuse, executions.ts).
   */
  generation = 0;
  private pending: Promise<void> | undefined;
  private currentRows = 0;
  private rewrittenSinceSort = 0;

  constructor(
    private readonly connection: DuckDBConnection,
    private readonly options: ChangeLogOptions,
  ) {
    const root = (prefix: string) => path.join(options.bucketRoot, prefix);
    this.sources = [
      { name: 'legacy', table: LEGACY_TABLE_SQL, columns: LEGACY_CHANGE_ROW_COLUMNS, listing: new DirectoryListing(root(changeLogBucket.legacyTablePrefix)) },
      { name: 'typed', table: CHANGE_TABLE_SQL, columns: CHANGE_ROW_COLUMNS, listing: new DirectoryListing(root(changeLogBucket.tablePrefix)) },
    ];
  }

  /** Directory reads the listings have done (partitions whose mtime had not changed are not read). */
  get directoryReads(): number {
    return this.sources.reduce((sum, s) => sum + s.listing.reads, 0);
  }

  /**
   * Opens what an earlier run left, if it was built from this catalog definition and every file
   * it loaded is still there; otherwise creates the tables and the view empty.
   */
  async open(): Promise<'resumed' | 'created'> {
    if (await this.resume()) return 'resumed';
    const c = this.connection;
    const columnsOf = (source: Source) =>
      [...source.columns, PARTITION_COLUMN, { name: PATH_COLUMN, duckdb: 'VARCHAR' }]
        .map((col) => `${q(col.name)} ${col.duckdb}`)
        .join(', ');
    await c.run('BEGIN TRANSACTION');
    for (const source of this.sources) await c.run(`CREATE OR REPLACE TABLE ${source.table} (${columnsOf(source)})`);
    await c.run(`CREATE OR REPLACE TABLE ${CURRENT_STATE_SQL} AS ${this.currentStateOver('')}`);
    await c.run(
      `CREATE OR REPLACE TABLE ${LOADED_FILES_SQL} (path VARCHAR PRIMARY KEY, source VARCHAR, dt VARCHAR, size BIGINT, column_bytes VARCHAR)`,
    );
    await c.run(`CREATE OR REPLACE TABLE ${META_SQL} (key VARCHAR PRIMARY KEY, value VARCHAR)`);
    await c.run(`INSERT INTO ${META_SQL} VALUES ('fingerprint', ${literal(FINGERPRINT)})`);
    await c.run(
      `CREATE OR REPLACE VIEW ${q(CATALOG_NAME)}.${q(catalog.database)}.${q(catalog.currentView)} AS SELECT * FROM ${CURRENT_STATE_SQL}`,
    );
    await c.run('COMMIT');
    this.loaded.clear();
    this.currentRows = 0;
    return 'created';
  }

  private async resume(): Promise<boolean> {
    const c = this.connection;
    let rows;
    try {
      const meta = await c.runAndReadAll(`SELECT value FROM ${META_SQL} WHERE key = 'fingerprint'`);
      if (meta.getRows()[0]?.[0] !== FINGERPRINT) return false;
      rows = (await c.runAndReadAll(`SELECT path, source, dt, size, column_bytes FROM ${LOADED_FILES_SQL}`)).getRows();
    } catch {
      return false; // A new database: no tables yet.
    }
    const files = rows.map(([file, source, dt, size, bytes]) => ({
      path: String(file),
      source: String(source) as SourceName,
      dt: String(dt),
      size: Number(size),
      columnBytes: bytes === null ? undefined : new Map<string, number>(JSON.parse(String(bytes))),
    }));
    // A file gone or rewritten (someone cleared .data/s3) means the tables no longer match S3.
    const intact = await Promise.all(
      files.map((f) => fs.stat(f.path).then((s) => s.size === f.size, () => false)),
    );
    if (intact.includes(false)) return false;
    for (const file of files) this.loaded.set(file.path, file);
    const state = await c.runAndReadAll(`SELECT value FROM ${META_SQL} WHERE key = 'current_state'`);
    // A first load that stopped between loading the tables and ranking them.
    if (state.getRows()[0]?.[0] === 'stale') await this.rebuildCurrentState();
    else this.currentRows = Number((await c.runAndReadAll(`SELECT count(*) FROM ${CURRENT_STATE_SQL}`)).getRows()[0]?.[0] ?? 0);
    return true;
  }

  /** Loads every file that appeared since the last refresh. Concurrent callers share one pass. */
  refresh(): Promise<void> {
    if (this.pending) return this.pending;
    if (!this.running) {
      this.running = this.loadNewFiles().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    // A pass is under way but may have listed before the caller's files landed: queue one more.
    const after = this.running.catch(() => undefined);
    this.pending = after.then(() => {
      this.pending = undefined;
      return this.refresh();
    });
    return this.pending;
  }

  /** Loaded files of one table by partition value. */
  partitions(source: SourceName = 'typed'): Map<string, PartitionBytes> {
    const byDt = new Map<string, PartitionBytes>();
    for (const file of this.loaded.values()) {
      if (file.source !== source) continue;
      let entry = byDt.get(file.dt);
      if (!entry) {
        entry = { files: 0, bytes: 0, fixedBytes: 0, columnBytes: new Map() };
        byDt.set(file.dt, entry);
      }
      entry.files++;
      entry.bytes += file.size;
      if (!file.columnBytes) {
        entry.fixedBytes += file.size;
        continue;
      }
      let chunks = 0;
      for (const [column, bytes] of file.columnBytes) {
        chunks += bytes;
        entry.columnBytes.set(column, (entry.columnBytes.get(column) ?? 0) + bytes);
      }
      entry.fixedBytes += Math.max(0, file.size - chunks);
    }
    return byDt;
  }

  /** currentStateSql over every change of both tables, narrowed by `where` (e.g. some orders). */
  private currentStateOver(where: string): string {
    const changes = `(SELECT * FROM (${allChangesSql(CHANGE_TABLE_SQL, LEGACY_TABLE_SQL)}) all_changes ${where})`;
    return currentStateSql(changes);
  }

  private async loadNewFiles(): Promise<void> {
    const listed = await Promise.all(this.sources.map((s) => s.listing.list()));
    const fresh = this.sources.map((source, i) => ({
      source,
      files: listed[i]!.filter((f) => !this.loaded.has(f.path) && !this.unreadable.has(f.path)),
    }));
    if (fresh.every((f) => f.files.length === 0)) return;
    try {
      await this.loadFresh(fresh);
    } finally {
      this.generation++;
    }
  }

  private async loadFresh(fresh: { source: Source; files: ListedFile[] }[]): Promise<void> {
    // Nothing loaded yet (first start, or a rebuild): load every table, then rank once.
    const full = this.loaded.size === 0;
    if (full) await this.connection.run(`INSERT OR REPLACE INTO ${META_SQL} VALUES ('current_state', 'stale')`);
    for (const { source, files } of fresh) {
      const nonEmpty = files.filter((f) => f.size > 0);
      const empty = files.filter((f) => f.size === 0);
      if (empty.length) await this.recordLoaded(source, empty.map((f) => ({ ...f })));
      const BATCH = 500;
      for (let i = 0; i < nonEmpty.length; i += BATCH) {
        await this.loadIsolatingBadFiles(source, nonEmpty.slice(i, i + BATCH), full);
      }
    }
    if (full) await this.rebuildCurrentState();
  }

  private async loadIsolatingBadFiles(source: Source, batch: readonly LoadedFile[], full: boolean): Promise<void> {
    try {
      await this.loadBatch(source, batch, full);
      return;
    } catch (error) {
      if (batch.length === 1) {
        this.markUnreadable(batch[0]!.path, error as Error);
        return;
      }
    }
    for (const file of batch) {
      try {
        await this.loadBatch(source, [file], full);
      } catch (single) {
        this.markUnreadable(file.path, single as Error);
      }
    }
  }

  private markUnreadable(file: string, error: Error): void {
    this.unreadable.add(file);
    this.options.onUnreadableFile?.(file, error);
  }

  /** The rows of some files of one table: Parquet through read_parquet, the rest as newline-delimited JSON. */
  private readFilesSql(source: Source, files: readonly LoadedFile[]): string {
    const parquet = files.filter((f) => isParquetFile(f.path));
    const json = files.filter((f) => !isParquetFile(f.path));
    const parts = [];
    if (json.length) parts.push(this.readJsonSql(source, json));
    if (parquet.length) parts.push(this.readParquetSql(source, parquet));
    return parts.join(' UNION ALL ');
  }

  /** The select list every reader shares: the columns in table order, then "$path". */
  private selectList(source: Source): string {
    const casts = source.columns.map((c) => `CAST(${q(c.name)} AS ${c.duckdb}) AS ${q(c.name)}`);
    const partition = `CAST(${q(PARTITION_COLUMN.name)} AS ${PARTITION_COLUMN.duckdb}) AS ${q(PARTITION_COLUMN.name)}`;
    // filename is the local file; the object's key is its path below the bucket's directory.
    const bucketRoot = path.resolve(this.options.bucketRoot);
    const objectUri = `${literal(`s3://${changeLogBucket.name}/`)} || replace(substr(filename, ${bucketRoot.length + 2}), '\\', '/')`;
    return `${[...casts, partition].join(', ')}, ${objectUri} AS ${q(PATH_COLUMN)}`;
  }

  private readJsonSql(source: Source, files: readonly LoadedFile[]): string {
    const columns = source.columns.map((c) => `${literal(c.name)}: ${literal(c.duckdb)}`).join(', ');
    return `SELECT ${this.selectList(source)} FROM read_json([${files.map((f) => literal(f.path)).join(', ')}],
      format = 'newline_delimited', columns = {${columns}}, filename = true,
      hive_partitioning = true, hive_types = {${literal(PARTITION_COLUMN.name)}: ${literal(PARTITION_COLUMN.duckdb)}},
      ignore_errors = true, maximum_object_size = 16777216)`;
  }

  private readParquetSql(source: Source, files: readonly LoadedFile[]): string {
    // union_by_name: a file missing a column (older writer) reads it as NULL, as Athena does. The
    // empty typed row set makes every column exist even when no file in the batch has it.
    const typedNulls = source.columns.map((c) => `CAST(NULL AS ${c.duckdb}) AS ${q(c.name)}`).join(', ');
    return `SELECT ${this.selectList(source)} FROM (SELECT * FROM read_parquet([${files.map((f) => literal(f.path)).join(', ')}],
      filename = true, union_by_name = true,
      hive_partitioning = true, hive_types = {${literal(PARTITION_COLUMN.name)}: ${literal(PARTITION_COLUMN.duckdb)}})
      UNION ALL BY NAME SELECT ${typedNulls} WHERE false)`;
  }

  /** Compressed bytes of each top-level column's chunks, summed over row groups. */
  private async columnBytesOf(file: string): Promise<Map<string, number>> {
    const reader = await this.connection.runAndReadAll(
      `SELECT path_in_schema, sum(total_compressed_size)::BIGINT FROM parquet_metadata(${literal(file)}) GROUP BY ALL`,
    );
    const bytes = new Map<string, number>();
    for (const [columnPath, size] of reader.getRows()) {
      const column = String(columnPath).split(',')[0]!.trim();
      bytes.set(column, (bytes.get(column) ?? 0) + Number(size));
    }
    return bytes;
  }

  /** Inserts the manifest rows of loaded files (inside the caller's transaction, if any). */
  private async insertManifest(source: Source, files: readonly LoadedFile[]): Promise<void> {
    const CHUNK = 200;
    for (let i = 0; i < files.length; i += CHUNK) {
      const values = files.slice(i, i + CHUNK).map((f) => {
        const bytes = f.columnBytes ? literal(JSON.stringify([...f.columnBytes])) : 'NULL';
        return `(${literal(f.path)}, ${literal(source.name)}, ${literal(f.dt)}, ${f.size}, ${bytes})`;
      });
      await this.connection.run(`INSERT OR REPLACE INTO ${LOADED_FILES_SQL} VALUES ${values.join(', ')}`);
    }
  }

  private async recordLoaded(source: Source, files: readonly LoadedFile[]): Promise<void> {
    await this.insertManifest(source, files);
    for (const file of files) this.loaded.set(file.path, { ...file, source: source.name });
  }

  private async loadBatch(source: Source, batch: readonly LoadedFile[], full: boolean): Promise<void> {
    const c = this.connection;
    const columnBytes = await Promise.all(
      batch.map((f) => (isParquetFile(f.path) ? this.columnBytesOf(f.path) : undefined)),
    );
    const files = batch.map((f, i) => ({ ...f, columnBytes: columnBytes[i] }));
    await c.run('BEGIN TRANSACTION');
    try {
      if (full) {
        // Ranked once after every table is loaded (rebuildCurrentState).
        await c.run(`INSERT INTO ${source.table} ${this.readFilesSql(source, files)}`);
      } else {
        await c.run(`CREATE OR REPLACE TEMP TABLE load_batch AS ${this.readFilesSql(source, files)}`);
        await c.run(`INSERT INTO ${source.table} SELECT * FROM load_batch`);
        const touched = `(SELECT DISTINCT order_id FROM load_batch)`;
        const hasNullOrder = `EXISTS (SELECT 1 FROM load_batch WHERE order_id IS NULL)`;
        const ofTouched = (alias: string) =>
          `(${alias}.order_id IN ${touched} OR (${alias}.order_id IS NULL AND ${hasNullOrder}))`;
        await c.run(`DELETE FROM ${CURRENT_STATE_SQL} s WHERE ${ofTouched('s')}`);
        await c.run(`INSERT INTO ${CURRENT_STATE_SQL} ${this.currentStateOver(`WHERE ${ofTouched('all_changes')}`)}`);
        const rewritten = await c.runAndReadAll(`SELECT count(DISTINCT order_id) FROM load_batch`);
        this.rewrittenSinceSort += Number(rewritten.getRows()[0]?.[0] ?? 0);
        await c.run('DROP TABLE load_batch');
      }
      await this.insertManifest(source, files);
      await c.run('COMMIT');
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    for (const file of files) this.loaded.set(file.path, { ...file, source: source.name });
    if (!full && this.rewrittenSinceSort > Math.max(1_000, this.currentRows * RESORT_SHARE)) {
      await this.rebuildCurrentState(true);
    }
  }

  /** Ranks every change again (or only re-sorts), ordered by order_date for row-group skipping. */
  private async rebuildCurrentState(sortOnly = false): Promise<void> {
    const c = this.connection;
    const source = sortOnly ? `SELECT * FROM ${CURRENT_STATE_SQL}` : this.currentStateOver('');
    await c.run('BEGIN TRANSACTION');
    try {
      await c.run(`CREATE OR REPLACE TEMP TABLE next_state AS ${source} ORDER BY order_date, order_id`);
      await c.run(`DELETE FROM ${CURRENT_STATE_SQL}`);
      await c.run(`INSERT INTO ${CURRENT_STATE_SQL} SELECT * FROM next_state`);
      await c.run('DROP TABLE next_state');
      await c.run(`INSERT OR REPLACE INTO ${META_SQL} VALUES ('current_state', 'fresh')`);
      await c.run('COMMIT');
    } catch (error) {
      await c.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
    this.currentRows = Number((await c.runAndReadAll(`SELECT count(*) FROM ${CURRENT_STATE_SQL}`)).getRows()[0]?.[0] ?? 0);
    this.rewrittenSinceSort = 0;
  }
}
