import 'server-only';
import { runQuery } from '@/lib/analytics/runner';
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

/**
 * The order's rows in the change log (with Athena's `"$path"`, the object holding each row) and
 * its current-state row, through the Athena API. Every value is an ExecutionParameter.
 */
export async function readAthenaHistory(orderId: string, partitions: PartitionFilter): Promise<AthenaHistory> {
  const where = partitionClause(partitions);
  const [changes, current] = await Promise.all([
    runQuery(
      `SELECT "$path" AS object_uri, event_id, event_name, version, sequence_number, change_time, updated_at,
              total_cents, currency, dt, updated_by
         FROM ${catalog.changeTable}
        WHERE order_id = ? AND ${where.sql}
        ORDER BY version, sequence_number`,
      { params: [orderId, ...where.params], timeoutMs: 20_000 },
    ),
    runQuery(
      `SELECT version, status, total_cents, currency, last_change_time FROM ${catalog.currentView} WHERE order_id = ?`,
      { params: [orderId], timeoutMs: 20_000 },
    ),
  ]);
  const rows = changes.rows.map(
    ([objectUri, eventId, eventName, version, sequenceNumber, changeTime, updatedAt, totalCents, currency, dt, updatedBy]) => ({
      objectUri: objectUri ?? '',
      eventId: eventId ?? '',
      eventName: eventName ?? '',
      version: toNumber(version ?? null),
      sequenceNumber: sequenceNumber ?? '',
      changeTime: changeTime ?? '',
      updatedAt: updatedAt ?? '',
      totalCents: toNumber(totalCents ?? null),
      currency: currency ?? '',
      dt: dt ?? '',
      updatedBy: updatedBy || null,
    }),
  );
  const [head] = current.rows;
  return {
    rows,
    current: head
      ? {
          version: toNumber(head[0] ?? null),
          status: head[1] ?? '',
          totalCents: toNumber(head[2] ?? null),
          currency: head[3] ?? '',
          lastChangeTime: head[4] ?? '',
        }
      : null,
    queryIds: [changes.executionId, current.executionId],
    bytesScanned: changes.stats.bytes_scanned + current.stats.bytes_scanned,
  };
}
