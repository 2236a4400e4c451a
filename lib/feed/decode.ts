import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { streamRecordSchema } from '@/lib/cdc/stream-record';
import { diffImages, type DiffEntry } from './diff';

/** What a feed client receives for one Kinesis record; `error` marks a record we could not fully read. */
export type FeedEvent = {
  /** `${shardId}:${sequenceNumber}`: the SSE id, and what Last-Event-ID resumes from. */
  id: string;
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  /** ISO time Kinesis accepted the record (ApproximateArrivalTimestamp). */
  arrivalTime: string | null;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' | null;
  eventID: string | null;
  /** ISO time of the DynamoDB change (ApproximateCreationDateTime). */
  changeTime: string | null;
  keys: Record<string, unknown> | null;
  oldImage: Record<string, unknown> | null;
  newImage: Record<string, unknown> | null;
  diff: DiffEntry[];
  /** Change → Kinesis arrival. Coarse: DynamoDB gives the change time in whole seconds. */
  latencyMs: number | null;
  error?: string;
  /** The record's text (truncated) when it is not a readable stream record. */
  raw?: string;
};

export type KinesisRecordLike = {
  SequenceNumber?: string;
  PartitionKey?: string;
  ApproximateArrivalTimestamp?: Date;
  Data?: Uint8Array;
};

export const RAW_LIMIT = 2_048;

export const eventIdOf = (shardId: string, sequenceNumber: string) => `${shardId}:${sequenceNumber}`;

/** Inverse of eventIdOf; shard ids never contain ':' (shardId-000000000001). */
/**
 * A live viewer that has seen no record yet still needs a place to resume from if its server goes
 * away (a drain, a deploy): the stream's first frame gives it `at:<epoch ms>`, the time it joined
 * the tail, as its Last-Event-ID. A record's own id replaces it as soon as one arrives.
 */
export const tailMarker = (joinedAtMs: number) => `at:${joinedAtMs}`;

/** The join time of a tail marker, or undefined for any other id. */
export function parseTailMarker(id: string): number | undefined {
  const match = /^at:(\d{13})$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

export function parseEventId(id: string): { shardId: string; sequenceNumber: string } | undefined {
  const at = id.lastIndexOf(':');
  if (at <= 0) return undefined;
  const shardId = id.slice(0, at);
  const sequenceNumber = id.slice(at + 1);
  return /^\d{1,128}$/.test(sequenceNumber) ? { shardId, sequenceNumber } : undefined;
}

/** Sets become arrays and binary becomes base64 so the image survives JSON.stringify. */
function toPlain(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(toPlain);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

/** Numbers that survive a round trip become JS numbers; others (big, or "1.50") stay exact strings. */
const wrapNumber = (text: string) => (String(Number(text)) === text ? Number(text) : text);

function unmarshallImage(image: unknown, name: string, errors: string[]): Record<string, unknown> | null {
  if (image === undefined || image === null) return null;
  try {
    const plain = toPlain(unmarshall(image as Record<string, AttributeValue>, { wrapNumbers: wrapNumber }));
    return plain as Record<string, unknown>;
  } catch (error) {
    errors.push(`${name} is not a valid DynamoDB image: ${(error as Error).message}`);
    return null;
  }
}

/** Decodes one Kinesis record. Never throws: a poison record becomes an event with `error` and `raw`. */
export function decodeRecord(shardId: string, record: KinesisRecordLike): FeedEvent {
  const sequenceNumber = record.SequenceNumber ?? '';
  const arrival = record.ApproximateArrivalTimestamp;
  const base: FeedEvent = {
    id: eventIdOf(shardId, sequenceNumber),
    shardId,
    sequenceNumber,
    partitionKey: record.PartitionKey ?? '',
    arrivalTime: arrival ? arrival.toISOString() : null,
    eventName: null,
    eventID: null,
    changeTime: null,
    keys: null,
    oldImage: null,
    newImage: null,
    diff: [],
    latencyMs: null,
  };
  const text = Buffer.from(record.Data ?? new Uint8Array()).toString('utf8');
  const raw = text.length > RAW_LIMIT ? `${text.slice(0, RAW_LIMIT)}…` : text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ...base, error: 'The record is not JSON', raw };
  }
  const result = streamRecordSchema.safeParse(parsed);
  if (!result.success) {
    const reason = result.error.issues.map((i) => i.message).join('; ');
    return { ...base, error: `The record is not a DynamoDB stream record: ${reason}`, raw };
  }
  const { eventName, eventID, dynamodb } = result.data;
  const errors: string[] = [];
  const keys = unmarshallImage(dynamodb.Keys, 'Keys', errors);
  const oldImage = unmarshallImage(dynamodb.OldImage, 'OldImage', errors);
  const newImage = unmarshallImage(dynamodb.NewImage, 'NewImage', errors);
  const changeMs = dynamodb.ApproximateCreationDateTime * 1000;
  return {
    ...base,
    eventName,
    eventID,
    changeTime: Number.isFinite(changeMs) ? new Date(changeMs).toISOString() : null,
    keys,
    oldImage,
    newImage,
    // With a bad image the diff would claim every field changed, so none is shown.
    diff: errors.length ? [] : diffImages(oldImage, newImage),
    latencyMs: arrival ? Math.max(0, arrival.getTime() - changeMs) : null,
    ...(errors.length ? { error: errors.join('; '), raw } : {}),
  };
}
