import {
  CHANGE_ROW_COLUMNS,
  LEGACY_CHANGE_ROW_COLUMNS,
  LINE_ITEM_FIELDS,
  PARTITION_COLUMN,
  TIME_COLUMNS,
} from '@/lib/cdc/change-row';
import { catalog, changeLogBucket } from '@/lib/resources';

/**
 * The catalog analysts query, defined once: the Glue tables and view on AWS (infra/) and the
 * DuckDB tables of the local Athena facade are both generated from this.
 */
export const changeTable = {
  database: catalog.database,
  name: catalog.changeTable,
  columns: CHANGE_ROW_COLUMNS,
  partition: PARTITION_COLUMN,
  /** Bucket-relative location of the data (Firehose writes under it). */
  bucket: changeLogBucket.name,
  prefix: changeLogBucket.tablePrefix,
  /**
   * Snappy Parquet: Firehose converts each JSON change row (the transform's output) with this
   * table's schema, so Athena reads only the column chunks a query needs.
   */
  format: 'parquet',
} as const;

/**
 * The change log as written before the time columns were typed: the same rows, times as ISO 8601
 * strings, Parquet or (before the conversion) JSON, left where it was. Nothing writes here now.
 */
export const legacyChangeTable = {
  database: catalog.database,
  name: catalog.legacyChangeTable,
  columns: LEGACY_CHANGE_ROW_COLUMNS,
  partition: PARTITION_COLUMN,
  bucket: changeLogBucket.name,
  prefix: changeLogBucket.legacyTablePrefix,
  format: 'parquet',
} as const;

/** Column aliases for `CROSS JOIN UNNEST(items) AS t(…)`: every field of a line, in order. */
export const ITEM_FIELDS = LINE_ITEM_FIELDS.join(', ');

const TIME_COLUMN_SET: ReadonlySet<string> = new Set(TIME_COLUMNS);

/**
 * Every change, old and new, in the typed shape: the new table as it is, the legacy table's
 * strings parsed (from_iso8601_timestamp gives a UTC `timestamp with time zone`; the cast keeps
 * its UTC wall time). Standard SQL that Trino (Athena) and DuckDB both run.
 */
export function allChangesSql(typed: string, legacy: string, extra: readonly string[] = []): string {
  const names = CHANGE_ROW_COLUMNS.map((c) => c.name);
  const legacyList = names.map((name) =>
    TIME_COLUMN_SET.has(name) ? `CAST(from_iso8601_timestamp(${name}) AS timestamp) AS ${name}` : name,
  );
  return `SELECT ${[...names, ...extra].join(', ')} FROM ${typed}
  UNION ALL
  SELECT ${[...legacyList, ...extra].join(', ')} FROM ${legacy}`;
}

/** Both change tables of the catalog, as one relation with extra columns (e.g. `"$path"`, `dt`). */
export function everyChangeSql(extra: readonly string[] = []): string {
  return allChangesSql(
    `${catalog.database}.${catalog.changeTable}`,
    `${catalog.database}.${catalog.legacyChangeTable}`,
    extra,
  );
}

const ATHENA_TIMESTAMP = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?$/;

/**
 * A `timestamp` as Athena prints it (`2026-11-20 10:00:00.000`, UTC here) as ISO 8601
 * (`2026-11-20T10:00:00.000Z`), which Date and the UI read unambiguously. Anything else
 * (already ISO, or empty) is returned as it is.
 */
export function isoFromAthena<T extends string | null | undefined>(value: T): T {
  if (!value) return value;
  const match = ATHENA_TIMESTAMP.exec(value);
  if (!match) return value;
  const millis = (match[3] ?? '').padEnd(3, '0').slice(0, 3);
  return `${match[1]}T${match[2]}.${millis}Z` as T;
}

/**
 * Current state over a relation of changes: for each order, its latest change (highest version,
 * then highest sequence number, compared as zero-padded strings), unless that change is a
 * REMOVE. A redelivered change has the same version and sequence number, so it collapses into
 * one row.
 */
export function currentStateSql(changes: string): string {
  return `SELECT
  order_id, version, status, region, channel, currency, order_date,
  customer_name, customer_email, items, item_count, units, total_cents,
  created_at, updated_at, updated_by, change_time AS last_change_time
FROM (
  SELECT c.*,
         row_number() OVER (PARTITION BY order_id ORDER BY version DESC, sequence_number DESC) AS change_rank
  FROM ${changes} c
) ranked
WHERE change_rank = 1 AND event_name <> 'REMOVE'`;
}

const qualified = (table: string) => `${catalog.database}.${table}`;

/** The view's SQL on Athena: current state over both tables. */
export const currentViewSql = currentStateSql(
  `(${allChangesSql(qualified(catalog.changeTable), qualified(catalog.legacyChangeTable))})`,
);

export const currentView = {
  database: catalog.database,
  name: catalog.currentView,
  sql: currentViewSql,
  columns: [
    'order_id', 'version', 'status', 'region', 'channel', 'currency', 'order_date',
    'customer_name', 'customer_email', 'items', 'item_count', 'units', 'total_cents',
    'created_at', 'updated_at', 'updated_by', 'last_change_time',
  ],
} as const;
