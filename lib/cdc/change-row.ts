import { unmarshall } from '@aws-sdk/util-dynamodb';
import { z } from 'zod';
import { CHANNELS, REGIONS, STATUSES } from '@/lib/orders/constants';
import { CURRENCIES, orderTotalCents, unitCount } from '@/lib/orders/money';
import { isOrderEntity } from '@/lib/orders/date-shards';
import { padSequenceNumber, streamRecordSchema, type StreamRecord } from './stream-record';

/**
 * One row of the change log (`order_changes`): one per stream record, the order flattened so
 * Athena reads it without SerDe tricks. Line items stay nested in `items` (one row per change,
 * not per line), so counts and totals never multiply by the number of lines. Times are ISO 8601
 * UTC strings with milliseconds (`2026-11-20T10:00:00.000Z`) in the JSON the transform emits, and
 * Athena `timestamp` (UTC) in the table: Firehose's Parquet conversion parses them with
 * TIME_COLUMN_FORMAT. `dt`, the partition, is the change's UTC date and lives in the S3 path only.
 */
export type ChangeRow = {
  event_id: string;
  event_name: 'INSERT' | 'MODIFY' | 'REMOVE';
  /** 40-digit zero-padded, so string order is stream order. */
  sequence_number: string;
  change_time: string;
  order_id: string;
  version: number;
  is_deleted: boolean;
  customer_name: string;
  customer_email: string;
  region: string;
  channel: string;
  status: string;
  currency: string;
  order_date: string;
  items: { sku: string; name: string; category: string; quantity: number; unit_price_cents: number }[];
  item_count: number;
  units: number;
  total_cents: number;
  created_at: string;
  updated_at: string;
  /** Who made the change (the deleter, for a REMOVE); null for changes written before sign-in. */
  updated_by: string | null;
};

/** Column order and types, for the Glue table (infra/) and the local DuckDB catalog alike. */
/**
 * The fields of each line in `items`, in the column type's order: Athena's UNNEST of an array of
 * rows yields one column per field, so queries alias them all (`AS t(sku, name, …)`).
 */
const LINE_ITEM_TYPES = [
  { name: 'sku', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'name', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'category', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'quantity', glue: 'bigint', duckdb: 'BIGINT' },
  { name: 'unit_price_cents', glue: 'bigint', duckdb: 'BIGINT' },
] as const;
export const LINE_ITEM_FIELDS = LINE_ITEM_TYPES.map((f) => f.name);

export const CHANGE_ROW_COLUMNS = [
  { name: 'event_id', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'event_name', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'sequence_number', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'change_time', glue: 'timestamp', duckdb: 'TIMESTAMP' },
  { name: 'order_id', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'version', glue: 'bigint', duckdb: 'BIGINT' },
  { name: 'is_deleted', glue: 'boolean', duckdb: 'BOOLEAN' },
  { name: 'customer_name', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'customer_email', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'region', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'channel', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'status', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'currency', glue: 'string', duckdb: 'VARCHAR' },
  { name: 'order_date', glue: 'timestamp', duckdb: 'TIMESTAMP' },
  {
    name: 'items',
    glue: `array<struct<${LINE_ITEM_TYPES.map((f) => `${f.name}:${f.glue}`).join(',')}>>`,
    duckdb: `STRUCT(${LINE_ITEM_TYPES.map((f) => `${f.name} ${f.duckdb}`).join(', ')})[]`,
  },
  { name: 'item_count', glue: 'bigint', duckdb: 'BIGINT' },
  { name: 'units', glue: 'bigint', duckdb: 'BIGINT' },
  { name: 'total_cents', glue: 'bigint', duckdb: 'BIGINT' },
  { name: 'created_at', glue: 'timestamp', duckdb: 'TIMESTAMP' },
  { name: 'updated_at', glue: 'timestamp', duckdb: 'TIMESTAMP' },
  // Last, so files written before it existed still line up; readers fill it with NULL there.
  { name: 'updated_by', glue: 'string', duckdb: 'VARCHAR' },
] as const satisfies readonly { name: keyof ChangeRow; glue: string; duckdb: string }[];

/** The time columns, typed `timestamp` since schema version 2 (strings in `order_changes_v1`). */
export const TIME_COLUMNS = CHANGE_ROW_COLUMNS.filter((c) => c.glue === 'timestamp').map((c) => c.name);

/**
 * The Joda pattern Firehose's Hive JSON SerDe parses the time columns with. Its default
 * (java.sql.Timestamp.valueOf) rejects ISO 8601 with `T` and `Z`; `ZZ` also reads `Z` as UTC.
 */
export const TIME_COLUMN_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSSZZ";

/**
 * The change log as it was written before schema version 2: the same columns, times as strings.
 * Its objects stay where they were, read by table `order_changes_v1` (see lib/analytics/catalog.ts).
 */
export const LEGACY_CHANGE_ROW_COLUMNS = CHANGE_ROW_COLUMNS.map((c) =>
  c.glue === 'timestamp' ? { name: c.name, glue: 'string', duckdb: 'VARCHAR' } : c,
);

export const PARTITION_COLUMN = { name: 'dt', glue: 'string', duckdb: 'VARCHAR' } as const;

/** A record that cannot become a change row; `reason` is what the error prefix records. */
export class PoisonRecord extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'PoisonRecord';
  }
}

/** A record of something other than an order (another entity in the table): dropped, not an error. */
export class NotAnOrder extends Error {}

const whole = z.number().int().nonnegative();
const iso = z.string().datetime({ offset: true });

/** The order item as this app stores it; extra attributes (entity, search_text) are ignored. */
const storedOrderSchema = z.object({
  entity: z.string().optional(),
  order_id: z.string().min(1),
  customer: z.object({ name: z.string(), email: z.string() }),
  region: z.enum(REGIONS),
  channel: z.enum(CHANNELS),
  status: z.enum(STATUSES),
  currency: z.enum(CURRENCIES),
  order_date: iso,
  items: z
    .array(z.object({ sku: z.string(), name: z.string(), category: z.string(), quantity: whole, unit_price_cents: whole }))
    .min(1),
  total_cents: whole,
  version: z.number().int().positive(),
  created_at: iso,
  updated_at: iso,
  updated_by: z.string().min(1).optional(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
    .join('; ');
}

function readImage(image: Record<string, unknown>, which: string) {
  let item: Record<string, unknown>;
  try {
    item = unmarshall(image as Parameters<typeof unmarshall>[0]);
  } catch (error) {
    throw new PoisonRecord(`${which} has invalid attribute values: ${(error as Error).message}`);
  }
  if (item.entity !== undefined && !isOrderEntity(item.entity)) throw new NotAnOrder();
  const parsed = storedOrderSchema.safeParse(item);
  if (!parsed.success) {
    const keys = Object.keys(item).sort().join(', ');
    throw new PoisonRecord(`${which} is not an order of this app (attributes: ${keys}): ${describeIssues(parsed.error)}`);
  }
  return parsed.data;
}

/** Parses a stream record (JSON text) into a change row, or throws PoisonRecord / NotAnOrder. */
export function toChangeRow(text: string): { row: ChangeRow; dt: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new PoisonRecord('data is not JSON');
  }
  const parsed = streamRecordSchema.safeParse(json);
  if (!parsed.success) throw new PoisonRecord(`not a DynamoDB stream record: ${describeIssues(parsed.error)}`);
  return fromStreamRecord(parsed.data);
}

export function fromStreamRecord(record: StreamRecord): { row: ChangeRow; dt: string } {
  const { eventName, dynamodb } = record;
  const image = eventName === 'REMOVE' ? dynamodb.OldImage : dynamodb.NewImage;
  if (!image) {
    throw new PoisonRecord(`${eventName} without ${eventName === 'REMOVE' ? 'OldImage' : 'NewImage'}; the stream must use NEW_AND_OLD_IMAGES`);
  }
  const order = readImage(image, eventName === 'REMOVE' ? 'OldImage' : 'NewImage');
  // Totals are re-derived, so a writer that stored a wrong total cannot skew revenue.
  const totalCents = orderTotalCents(order.items);
  if (totalCents !== order.total_cents) {
    throw new PoisonRecord(`total_cents ${order.total_cents} does not equal the sum of its lines (${totalCents})`);
  }
  const changeTime = new Date(Math.round(dynamodb.ApproximateCreationDateTime * 1000)).toISOString();
  const row: ChangeRow = {
    event_id: record.eventID,
    event_name: eventName,
    sequence_number: padSequenceNumber(dynamodb.SequenceNumber),
    change_time: changeTime,
    order_id: order.order_id,
    version: order.version,
    is_deleted: eventName === 'REMOVE',
    customer_name: order.customer.name,
    customer_email: order.customer.email,
    region: order.region,
    channel: order.channel,
    status: order.status,
    currency: order.currency,
    order_date: new Date(order.order_date).toISOString(),
    items: order.items.map(({ sku, name, category, quantity, unit_price_cents }) => ({ sku, name, category, quantity, unit_price_cents })),
    item_count: order.items.length,
    units: unitCount(order.items),
    total_cents: totalCents,
    // One shape (milliseconds, Z) for every time, so the one TIME_COLUMN_FORMAT parses them all.
    created_at: new Date(order.created_at).toISOString(),
    updated_at: new Date(order.updated_at).toISOString(),
    // A REMOVE's old image names the deleter: the service stamps it just before deleting.
    updated_by: order.updated_by ?? null,
  };
  return { row, dt: changeTime.slice(0, 10) };
}
