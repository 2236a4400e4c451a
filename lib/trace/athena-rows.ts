import 'server-only';
import { everyChangeSql, isoFromAthena } from '@/lib/analytics/catalog';
import { runQuery } from '@/lib/analytics/runner';
import type { ChangeRow } from '@/lib/cdc/change-row';
import { catalog } from '@/lib/resources';
import type { AthenaCurrentRow } from './types';

/** One change-log row of the order, with the S3 object Athena read it from. */
export type AthenaChangeRow = {
  objectUri: string;
  eventId: string;
  eventName: string;
  version: number;
  sequenceNumber: string;
  changeTime: string;
  updatedAt: string;
  totalCents: number;
  currency: string;
  dt: string;
  /** Who made the change; null for rows written before the audit column. */
  updatedBy: string | null;
};

export type AthenaHistory = {
  rows: AthenaChangeRow[];
  current: AthenaCurrentRow | null;
  queryIds: string[];
  bytesScanned: number;
};

/** Partitions to read: exactly the change dates when known, else every date from creation to today. */
export type PartitionFilter = { dates: string[] } | { from: string; to: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function partitionClause(filter: PartitionFilter): { sql: string; params: string[] } {
  if ('dates' in filter) {
    const dates = [...new Set(filter.dates)].filter((d) => DATE.test(d)).sort();
    if (dates.length === 0) throw new RangeError('at least one partition date is needed');
    return { sql: `dt IN (${dates.map(() => '?').join(', ')})`, params: dates };
  }
  if (!DATE.test(filter.from) || !DATE.test(filter.to)) throw new RangeError('partition dates must be YYYY-MM-DD');
  return { sql: 'dt BETWEEN ? AND ?', params: [filter.from, filter.to] };
}

const toNumber = (value: string | null) => (value === null ? 0 : Number(value));

const ROW_COLUMNS = `object_uri, event_id, event_name, version, sequence_number, change_time, updated_at,
              total_cents, currency, dt, updated_by`;
/** The order as each row recorded it. Items as JSON text: Athena prints arrays of rows as `[{a=b}]`, which cannot be parsed back. */
const IMAGE_COLUMNS = `customer_name, customer_email, region, channel, status, order_date,
              json_format(CAST(items AS JSON)) AS items_json`;
const ROW_COLUMN_COUNT = ROW_COLUMNS.split(',').length;

/** The order's change-log rows, oldest first, with the given columns after ROW_COLUMNS. Every value is an ExecutionParameter. */
function queryChanges(orderId: string, partitions: PartitionFilter, extraColumns?: string) {
  const where = partitionClause(partitions);
  return runQuery(
    `SELECT ${ROW_COLUMNS}${extraColumns ? `,\n              ${extraColumns}` : ''}
         FROM (${everyChangeSql(['"$path" AS object_uri', 'dt'])}) changes
        WHERE order_id = ? AND ${where.sql}
        ORDER BY version, sequence_number`,
    { params: [orderId, ...where.params], timeoutMs: 20_000 },
  );
}

function toChangeRow(values: (string | null)[]): AthenaChangeRow {
  const [objectUri, eventId, eventName, version, sequenceNumber, changeTime, updatedAt, totalCents, currency, dt, updatedBy] = values;
  return {
    objectUri: objectUri ?? '',
    eventId: eventId ?? '',
    eventName: eventName ?? '',
    version: toNumber(version ?? null),
    sequenceNumber: sequenceNumber ?? '',
    changeTime: isoFromAthena(changeTime ?? ''),
    updatedAt: isoFromAthena(updatedAt ?? ''),
    totalCents: toNumber(totalCents ?? null),
    currency: currency ?? '',
    dt: dt ?? '',
    updatedBy: updatedBy || null,
  };
}

export type ChangeItem = ChangeRow['items'][number];

/** One change-log row with the order as it recorded it: after the change, or before it for a REMOVE. */
export type AthenaChangeImage = AthenaChangeRow & {
  customerName: string;
  customerEmail: string;
  region: string;
  channel: string;
  status: string;
  orderDate: string;
  items: ChangeItem[];
};

const ITEM_FIELDS = ['sku', 'name', 'category', 'quantity', 'unit_price_cents'] as const;

/**
 * `json_format(CAST(items AS JSON))` as text. Trino writes each row as an object with its field
 * names; engines with the legacy cast write it as an array in field order, so both are read.
 */
export function parseItemsJson(text: string | null): ChangeItem[] {
  if (!text) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) return [];
  return parsed.map((entry: unknown) => {
    const get = (field: (typeof ITEM_FIELDS)[number]): unknown =>
      Array.isArray(entry) ? entry[ITEM_FIELDS.indexOf(field)] : (entry as Record<string, unknown> | null)?.[field];
    return {
      sku: String(get('sku') ?? ''),
      name: String(get('name') ?? ''),
      category: String(get('category') ?? ''),
      quantity: Number(get('quantity') ?? 0),
      unit_price_cents: Number(get('unit_price_cents') ?? 0),
    };
  });
}

/** The order's change-log rows with the order's fields, oldest first: what its history is built from. */
export async function readChangeImages(
  orderId: string,
  partitions: PartitionFilter,
): Promise<{ rows: AthenaChangeImage[]; queryId: string; bytesScanned: number }> {
  const result = await queryChanges(orderId, partitions, IMAGE_COLUMNS);
  const rows = result.rows.map((values) => {
    const [customerName, customerEmail, region, channel, status, orderDate, itemsJson] = values.slice(ROW_COLUMN_COUNT);
    return {
      ...toChangeRow(values),
      customerName: customerName ?? '',
      customerEmail: customerEmail ?? '',
      region: region ?? '',
      channel: channel ?? '',
      status: status ?? '',
      orderDate: isoFromAthena(orderDate ?? ''),
      items: parseItemsJson(itemsJson ?? null),
    };
  });
  return { rows, queryId: result.executionId, bytesScanned: result.stats.bytes_scanned };
}

/**
 * The order's rows in the change log (with Athena's `"$path"`, the object holding each row) and
 * its current-state row, through the Athena API. Every value is an ExecutionParameter.
 */
export async function readAthenaHistory(orderId: string, partitions: PartitionFilter): Promise<AthenaHistory> {
  const [changes, current] = await Promise.all([
    queryChanges(orderId, partitions),
    runQuery(
      `SELECT version, status, total_cents, currency, last_change_time FROM ${catalog.currentView} WHERE order_id = ?`,
      { params: [orderId], timeoutMs: 20_000 },
    ),
  ]);
  const rows = changes.rows.map(toChangeRow);
  const [head] = current.rows;
  return {
    rows,
    current: head
      ? {
          version: toNumber(head[0] ?? null),
          status: head[1] ?? '',
          totalCents: toNumber(head[2] ?? null),
          currency: head[3] ?? '',
          lastChangeTime: isoFromAthena(head[4] ?? ''),
        }
      : null,
    queryIds: [changes.executionId, current.executionId],
    bytesScanned: changes.stats.bytes_scanned + current.stats.bytes_scanned,
  };
}
