import { readOrderRef } from './order-ref';

/**
 * A pipe dead letter, read from either shape: the local pipe worker's (the failed batch with its
 * records and reasons) or AWS's (batch metadata in `DDBStreamBatchInfo` plus a condition such as
 * RetryAttemptsExhausted; the records themselves stay in the stream, to re-read by sequence number).
 */
export type DeadLetterRecord = {
  orderId: string | null;
  eventName: string | null;
  sequenceNumber: string | null;
  reason: string | null;
  attempts: number | null;
};

export type DeadLetterView = {
  messageId: string;
  sentAt: string | null;
  receiveCount: number | null;
  reason: string;
  shardId: string | null;
  streamArn: string | null;
  batchSize: number;
  firstSequenceNumber: string | null;
  lastSequenceNumber: string | null;
  /** Records in the message (local dead letters carry them; AWS's carry only the range). */
  records: DeadLetterRecord[];
  /** The message body as text, cut to MAX_BODY characters. */
  body: string;
  bodyTruncated: boolean;
};

const MAX_BODY = 4_000;
const MAX_RECORDS = 50;

type Json = Record<string, unknown>;
const objectOf = (value: unknown): Json | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;
const stringOf = (value: unknown): string | null => (typeof value === 'string' && value ? value : null);
const numberOf = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

function localRecords(body: Json): DeadLetterRecord[] {
  const records = Array.isArray(body.records) ? body.records : [];
  return records.slice(0, MAX_RECORDS).map((entry) => {
    const item = objectOf(entry) ?? {};
    const ref = readOrderRef(JSON.stringify(item.record ?? {}));
    return {
      orderId: ref.orderId ?? stringOf(item.partitionKey),
      eventName: ref.eventName,
      sequenceNumber: stringOf(item.sequenceNumber),
      reason: stringOf(item.reason),
      attempts: numberOf(item.attempts),
    };
  });
}

export function parseDeadLetter(message: {
  messageId: string;
  body: string;
  sentTimestamp?: string;
  receiveCount?: string;
}): DeadLetterView {
  let body: Json = {};
  try {
    body = objectOf(JSON.parse(message.body)) ?? {};
  } catch {
    // An unreadable body is still a dead letter; show it as text.
  }
  const batch = objectOf(body.DDBStreamBatchInfo);
  const context = objectOf(body.context) ?? objectOf(body.requestContext);
  const records = localRecords(body);
  const sequences = records.map((r) => r.sequenceNumber).filter((s): s is string => !!s);
  const sent = Number(message.sentTimestamp);
  return {
    messageId: message.messageId,
    sentAt: Number.isFinite(sent) && sent > 0 ? new Date(sent).toISOString() : stringOf(body.failedAt) ?? stringOf(body.timestamp),
    receiveCount: message.receiveCount ? Number(message.receiveCount) : null,
    reason:
      stringOf(body.reason) ??
      stringOf(context?.condition) ??
      stringOf(context?.errorMessage) ??
      'No reason recorded in the message',
    shardId: stringOf(body.shardId) ?? stringOf(batch?.shardId),
    streamArn: stringOf(body.source) ?? stringOf(batch?.streamArn),
    batchSize: numberOf(batch?.batchSize) ?? records.length,
    firstSequenceNumber: stringOf(batch?.startSequenceNumber) ?? sequences[0] ?? null,
    lastSequenceNumber: stringOf(batch?.endSequenceNumber) ?? sequences.at(-1) ?? null,
    records,
    body: message.body.slice(0, MAX_BODY),
    bodyTruncated: message.body.length > MAX_BODY,
  };
}
