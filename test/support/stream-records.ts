import { marshall } from '@aws-sdk/util-dynamodb';
import { dateShardOf } from '@/lib/orders/date-shards';
import type { Order } from '@/lib/orders/schema';
import type { FirehoseTransformEvent } from '@/lib/cdc/transform';

/** A stored order item, as the orders table holds it (with its index attributes). */
export function storedOrder(overrides: Partial<Order> = {}): Record<string, unknown> {
  const order: Order = {
    order_id: '01JD0000000000000000000001',
    customer: { name: 'Ada Lovelace', email: 'ada@example.com' },
    region: 'EU',
    channel: 'web',
    status: 'paid',
    currency: 'USD',
    order_date: '2026-03-10T12:00:00.000Z',
    items: [{ sku: 'LAP-13', name: 'Laptop 13', category: 'Computers', quantity: 2, unit_price_cents: 129_900 }],
    total_cents: 259_800,
    version: 1,
    created_at: '2026-03-10T12:00:00.000Z',
    updated_at: '2026-03-10T12:00:00.000Z',
    ...overrides,
  };
  return { ...order, entity: dateShardOf(order.order_id), search_text: 'x' };
}

type RecordOptions = {
  eventName?: 'INSERT' | 'MODIFY' | 'REMOVE';
  newImage?: Record<string, unknown> | null;
  oldImage?: Record<string, unknown> | null;
  sequenceNumber?: string;
  /** epoch seconds */
  createdAt?: number;
  eventId?: string;
};

/** A DynamoDB stream record the way EventBridge Pipes puts it on Kinesis. */
export function streamRecord({
  eventName = 'INSERT',
  newImage = storedOrder(),
  oldImage = null,
  sequenceNumber = '100000000000000000001',
  createdAt = Date.parse('2026-03-10T12:00:01Z') / 1000,
  eventId = 'evt-1',
}: RecordOptions = {}) {
  const image = (newImage ?? oldImage) as Record<string, unknown>;
  return {
    eventID: eventId,
    eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000',
    dynamodb: {
      ApproximateCreationDateTime: createdAt,
      Keys: marshall({ order_id: image.order_id }),
      ...(newImage ? { NewImage: marshall(newImage) } : {}),
      ...(oldImage ? { OldImage: marshall(oldImage) } : {}),
      SequenceNumber: sequenceNumber,
      SizeBytes: 100,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

/** A Firehose transformation event carrying the given Kinesis payloads (strings). */
export function firehoseEvent(payloads: string[]): FirehoseTransformEvent {
  return {
    invocationId: 'inv-1',
    deliveryStreamArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/order-changes-to-s3',
    region: 'us-east-1',
    records: payloads.map((payload, i) => ({
      recordId: `rec-${i}`,
      approximateArrivalTimestamp: 1_773_144_001_000,
      data: Buffer.from(payload).toString('base64'),
    })),
  };
}
