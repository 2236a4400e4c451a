import { CHANGE_ROW_COLUMNS, PARTITION_COLUMN } from '@/lib/cdc/change-row';
import { catalog, changeLogBucket } from '@/lib/resources';

/**
 * The catalog analysts query, defined once: the Glue table and view on AWS (infra/) and the
 * DuckDB views of the local Athena facade are both generated from this.
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
 * Current state: for each order, its latest change (highest version, then highest sequence
 * number, compared as zero-padded strings), unless that change is a REMOVE. A redelivered change
 * has the same version and sequence number, so it collapses into one row. Standard SQL that Trino
 * (Athena) and DuckDB both run unchanged.
 */
export const currentViewSql = `SELECT
  order_id, version, status, region, channel, currency, order_date,
  customer_name, customer_email, items, item_count, units, total_cents,
  created_at, updated_at, updated_by, change_time AS last_change_time
FROM (
  SELECT c.*,
         row_number() OVER (PARTITION BY order_id ORDER BY version DESC, sequence_number DESC) AS change_rank
  FROM ${catalog.database}.${catalog.changeTable} c
) ranked
WHERE change_rank = 1 AND event_name <> 'REMOVE'`;

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
