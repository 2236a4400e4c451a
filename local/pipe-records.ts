import type { AttributeValue, _Record as SdkStreamRecord } from '@aws-sdk/client-dynamodb-streams';
import type { StreamRecord } from '@/lib/cdc/stream-record';

/** AttributeValue as JSON, the way Pipes and Lambda deliver it: binaries as base64 strings. */
export type JsonAttributeValue = Record<string, unknown>;

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function toJsonAttributeValue(value: AttributeValue): JsonAttributeValue {
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BS !== undefined) return { BS: value.BS.map(base64) };
  if (value.M !== undefined) return { M: toJsonImage(value.M) };
  if (value.L !== undefined) return { L: value.L.map(toJsonAttributeValue) };
  const { $unknown: _unknown, ...plain } = value as AttributeValue & { $unknown?: unknown };
  return plain;
}

function toJsonImage(image: Record<string, AttributeValue>): Record<string, JsonAttributeValue> {
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, toJsonAttributeValue(value)]),
  );
}

/**
 * The record EventBridge Pipes puts on a Kinesis target for a DynamoDB stream source: the stream
 * record with `eventSourceARN` added, ApproximateCreationDateTime in epoch seconds.
 */
export function toPipeRecord(record: SdkStreamRecord, streamArn: string, region: string): StreamRecord {
  const ddb = record.dynamodb ?? {};
  const created = ddb.ApproximateCreationDateTime;
  return {
    eventID: record.eventID ?? '',
    eventName: record.eventName as StreamRecord['eventName'],
    eventVersion: record.eventVersion ?? '1.1',
    eventSource: record.eventSource ?? 'aws:dynamodb',
    awsRegion: record.awsRegion ?? region,
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime:
        created instanceof Date ? created.getTime() / 1000 : Number(created ?? Date.now() / 1000),
      Keys: toJsonImage(ddb.Keys ?? {}),
      ...(ddb.NewImage ? { NewImage: toJsonImage(ddb.NewImage) } : {}),
      ...(ddb.OldImage ? { OldImage: toJsonImage(ddb.OldImage) } : {}),
      SequenceNumber: ddb.SequenceNumber ?? '',
      SizeBytes: ddb.SizeBytes,
      StreamViewType: ddb.StreamViewType,
    },
  };
}

/**
 * Evaluates a Pipes partition key path such as `$.dynamodb.Keys.order_id.S` (dotted JSONPath,
 * no wildcards). Returns undefined when the path does not lead to a non-empty string or number.
 */
export function partitionKeyAt(record: unknown, jsonPath: string): string | undefined {
  if (!jsonPath.startsWith('$.')) throw new Error(`unsupported partition key path ${jsonPath}`);
  let node: unknown = record;
  for (const step of jsonPath.slice(2).split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  if (typeof node === 'number') return String(node);
  return typeof node === 'string' && node.length > 0 ? node : undefined;
}
