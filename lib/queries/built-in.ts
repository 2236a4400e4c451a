import { currentView, ITEM_FIELDS } from '@/lib/analytics/catalog';
import { errorTable } from '@/lib/analytics/error-table';
import { catalog } from '@/lib/resources';
import { encodeDescription, type ParamType } from './metadata';

/**
 * The saved queries every library starts with, defined once: infra/ deploys them as
 * CfnNamedQuery and the local launcher creates them as named queries in the local Athena.
 * Revenue counts paid and shipped orders from current state (orders_current), never the raw
 * change log, which counts every edit again.
 */

export type BuiltInQuery = {
  name: string;
  description: string;
  sql: string;
  folder: string;
  tags: string[];
  paramTypes: ParamType[];
  /** Only deployed to AWS: locally the facade defines the view itself, and the library cannot run DDL. */
  awsOnly?: boolean;
};

const db = catalog.database;
const current = `${db}.${catalog.currentView}`;
const changes = `${db}.${catalog.changeTable}`;
const errors = `${db}.${errorTable.name}`;
/** The built-in over order_change_errors; the pipeline page links its failure count here by name. */
export const FAILED_RECORDS_QUERY = 'Failed records';
const REVENUE_STATUSES = "status IN ('paid', 'shipped')";

export const BUILT_IN_QUERIES: readonly BuiltInQuery[] = [
  {
    name: 'Revenue by day',
    description: 'Paid and shipped revenue per order day and currency, between two dates (inclusive).',
    folder: 'Revenue',
    tags: ['revenue', 'daily'],
    paramTypes: ['date', 'date'],
    sql: `SELECT CAST(order_date AS date) AS day,
       currency,
       count(*) AS orders,
       sum(total_cents) AS revenue_cents
FROM ${current}
WHERE ${REVENUE_STATUSES}
  AND CAST(order_date AS date) BETWEEN CAST(? AS date) AND CAST(? AS date)
GROUP BY 1, 2
ORDER BY 1, 2`,
  },
  {
    name: 'Top products',
    description: 'The 20 products with the most paid and shipped revenue, with units sold.',
    folder: 'Revenue',
    tags: ['revenue', 'products'],
    paramTypes: [],
    sql: `SELECT t.sku,
       t.name,
       t.category,
       sum(t.quantity) AS units,
       sum(t.quantity * t.unit_price_cents) AS revenue_cents
FROM ${current}
CROSS JOIN UNNEST(items) AS t(${ITEM_FIELDS})
WHERE ${REVENUE_STATUSES}
GROUP BY 1, 2, 3
ORDER BY revenue_cents DESC
LIMIT 20`,
  },
  {
    name: 'Revenue by region and channel',
    description: 'Paid and shipped revenue and average order value per region and sales channel.',
    folder: 'Revenue',
    tags: ['revenue'],
    paramTypes: [],
    sql: `SELECT region,
       channel,
       count(*) AS orders,
       sum(total_cents) AS revenue_cents,
       sum(total_cents) / count(*) AS avg_order_cents
FROM ${current}
WHERE ${REVENUE_STATUSES}
GROUP BY 1, 2
ORDER BY revenue_cents DESC`,
  },
  {
    name: 'Orders by status',
    description: 'How many orders are in each status right now, and their value.',
    folder: 'Operations',
    tags: ['status'],
    paramTypes: [],
    sql: `SELECT status,
       count(*) AS orders,
       sum(total_cents) AS total_cents
FROM ${current}
GROUP BY status
ORDER BY orders DESC`,
  },
  {
    name: 'Recent changes to an order',
    description: 'Every change to one order since a day, newest first: the audit trail from the change log.',
    folder: 'Change log',
    tags: ['audit'],
    paramTypes: ['string', 'date'],
    sql: `SELECT change_time,
       event_name,
       version,
       status,
       total_cents,
       sequence_number
FROM ${changes}
WHERE order_id = ?
  AND dt >= ?
ORDER BY version DESC, sequence_number DESC`,
  },
  {
    name: 'Changes per day',
    description: 'Change-log volume per day and event type since a day: what the pipeline delivered.',
    folder: 'Change log',
    tags: ['pipeline', 'daily'],
    paramTypes: ['date'],
    sql: `SELECT dt,
       event_name,
       count(*) AS changes
FROM ${changes}
WHERE dt >= ?
GROUP BY 1, 2
ORDER BY 1, 2`,
  },
  {
    name: FAILED_RECORDS_QUERY,
    description:
      'The 100 newest records Firehose could not transform, partition or convert: why, how often it tried, and the record itself.',
    folder: 'Pipeline',
    tags: ['pipeline', 'errors'],
    paramTypes: [],
    // raw_data IS NOT NULL drops malformed lines (the SerDe reads them as all-NULL rows). try():
    // a poison record need not be JSON at all.
    sql: `SELECT failure_time,
       error_output_type,
       coalesce(error_code, last_error_code) AS error_code,
       coalesce(error_message, last_error_message) AS error_message,
       try(json_extract_scalar(from_utf8(from_base64(raw_data)), '$.dynamodb.Keys.order_id.S')) AS order_id,
       attempts_made,
       from_utf8(from_base64(raw_data)) AS record,
       arrival_time
FROM ${errors}
WHERE raw_data IS NOT NULL
ORDER BY failure_time DESC
LIMIT 100`,
  },
  {
    name: `create ${currentView.name} view`,
    description:
      'Run once after deploy: current state per order (latest change, REMOVE excluded). Revenue reads this, not the raw change log.',
    folder: 'Setup',
    tags: ['setup'],
    paramTypes: [],
    sql: `CREATE OR REPLACE VIEW ${currentView.database}.${currentView.name} AS\n${currentView.sql}`,
    awsOnly: true,
  },
];

/** The stored description of a built-in: its metadata header (marked built-in), then the text. */
export function builtInDescription(query: BuiltInQuery): string {
  return encodeDescription(query.description, {
    folder: query.folder,
    tags: query.tags,
    paramTypes: query.paramTypes,
    builtIn: true,
  });
}
