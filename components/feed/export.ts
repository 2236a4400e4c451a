import { csvField } from '@/lib/csv';
import type { FeedItem } from './feed-model';

export const CSV_COLUMNS = [
  'arrival_time',
  'shard_id',
  'sequence_number',
  'partition_key',
  'event_name',
  'event_id',
  'order_id',
  'latency_ms',
  'changed_fields',
  'warning',
  'old_image',
  'new_image',
] as const;

/** One CSV cell of any value (objects as JSON), by the app's one CSV rule (lib/csv.ts). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return csvField(typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value));
}

function csvRow(item: FeedItem): unknown[] {
  const e = item.event;
  return [
    e.arrivalTime,
    e.shardId,
    e.sequenceNumber,
    e.partitionKey,
    e.eventName,
    e.eventID,
    item.orderId,
    e.latencyMs,
    e.diff.map((d) => d.path).join(' '),
    e.error,
    e.oldImage,
    e.newImage ?? e.raw,
  ];
}

/** Records as CSV, one per line, in the order given (the list's order: newest first). */
export function recordsToCsv(items: FeedItem[]): string {
  const lines = [CSV_COLUMNS.join(','), ...items.map((item) => csvRow(item).map(csvCell).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}

/** Records as a JSON array of the events exactly as the stream sent them. */
export function recordsToJson(items: FeedItem[]): string {
  return `${JSON.stringify(
    items.map((i) => i.event),
    null,
    2,
  )}\n`;
}

export function exportFileName(format: 'csv' | 'json', now: Date): string {
  return `cdc-feed-${now.toISOString().slice(0, 19).replaceAll(':', '-')}.${format}`;
}
