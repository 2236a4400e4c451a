import 'server-only';
import { decodeTime } from 'ulid';
import { AthenaUnavailable } from '@/lib/queries/errors';
import { ServiceUnavailable } from '@/lib/service-unavailable';
import { readChangeImages, type AthenaChangeImage } from '@/lib/trace/athena-rows';
import { deliveryBudgets } from '@/lib/trace/trace-order';
import { ValidationError } from './errors';
import { toOrderHistory, type HistoryRow, type OrderHistory } from './history-entries';
import type { OrderFields } from './order-diff';

/** Rows written up to this long before the order id's timestamp still count (clock skew). */
const SINCE_MARGIN_MS = 5_000;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function createdMs(orderId: string): number {
  try {
    return decodeTime(orderId);
  } catch {
    // The pattern admits ids past the ULID time range; no order can have one.
    throw new ValidationError([{ path: 'id', message: 'is not a valid order id' }]);
  }
}

function toHistoryRow(row: AthenaChangeImage): HistoryRow {
  // The transform only writes valid orders, so the enums hold.
  const order = {
    customer: { name: row.customerName, email: row.customerEmail },
    status: row.status,
    region: row.region,
    channel: row.channel,
    currency: row.currency,
    order_date: row.orderDate,
    items: row.items,
    total_cents: row.totalCents,
  } as OrderFields;
  return {
    eventId: row.eventId,
    eventName: row.eventName as HistoryRow['eventName'],
    version: row.version,
    sequenceNumber: row.sequenceNumber,
    changeTime: row.changeTime,
    updatedBy: row.updatedBy,
    order,
  };
}

/**
 * Every change of an order in the change log (Athena `order_changes`), newest first, deleted
 * orders included. Reads the partitions from the order's creation (its ULID time) to today.
 */
export async function getOrderHistory(
  orderId: string,
  { now = new Date() }: { now?: Date } = {},
): Promise<OrderHistory> {
  const from = day(createdMs(orderId) - SINCE_MARGIN_MS);
  const to = day(now.getTime());
  let rows: AthenaChangeImage[];
  try {
    ({ rows } = await readChangeImages(orderId, { from: from < to ? from : to, to }));
  } catch (error) {
    if (error instanceof ServiceUnavailable) throw error;
    throw new AthenaUnavailable({ cause: error });
  }
  return toOrderHistory(orderId, rows.map(toHistoryRow), deliveryBudgets().bufferLabel);
}
