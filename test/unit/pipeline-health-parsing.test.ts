import { describe, expect, it } from 'vitest';
import { parseDeadLetter } from '@/lib/pipeline/dead-letter';
import { keyAtTime, summariseRows } from '@/lib/pipeline/delivered';
import { errorOutputTypeOf, MAX_PAYLOAD, parseErrorObject } from '@/lib/pipeline/error-record';
import { healthQuerySchema } from '@/lib/pipeline/health-query';
import { percentile, summarise } from '@/lib/pipeline/kinesis-activity';
import { readOrderRef } from '@/lib/pipeline/order-ref';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const streamRecord = (orderId: string) =>
  JSON.stringify({ eventName: 'MODIFY', dynamodb: { Keys: { order_id: { S: orderId } }, NewImage: { total_cents: { N: 'abc' } } } });

describe('readOrderRef', () => {
  it('reads the order id from keys, images or a flat item', () => {
    expect(readOrderRef(streamRecord('01A'))).toEqual({ orderId: '01A', eventName: 'MODIFY' });
    expect(readOrderRef(JSON.stringify({ dynamodb: { OldImage: { order_id: { S: '01B' } } } }))).toEqual({ orderId: '01B', eventName: null });
    expect(readOrderRef(JSON.stringify({ order_id: 'T-1', price: 9.99 }))).toEqual({ orderId: 'T-1', eventName: null });
  });

  it('falls back to patterns on text that is not JSON', () => {
    expect(readOrderRef('{"eventName":"INSERT","dynamodb":{"Keys":{"order_id":{"S":"01C"}}, oops')).toEqual({ orderId: '01C', eventName: 'INSERT' });
    expect(readOrderRef('not json at all')).toEqual({ orderId: null, eventName: null });
  });
});

describe('parseErrorObject', () => {
  const line = (rawData: string, message = 'total_cents: not a number') =>
    JSON.stringify({
      attemptsMade: 1,
      arrivalTimestamp: Date.parse('2026-11-26T10:00:00Z'),
      errorCode: 'Lambda.ProcessingFailed',
      errorMessage: message,
      attemptEndingTimestamp: Date.parse('2026-11-26T10:00:01Z'),
      rawData,
      lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:t',
    });

  it('decodes every record with its reason, order and times, skipping lines that are not records', () => {
    const key = 'errors/processing-failed/2026/11/26/10/s-1-2026-11-26-10-00-01-x';
    const body = [line(b64(streamRecord('01A'))), 'garbage', '{"unrelated":true}', line(b64('{"oops'), 'data is not JSON'), ''].join('\n');
    const records = parseErrorObject(key, body);
    expect(records).toEqual([
      expect.objectContaining({
        key,
        line: 0,
        errorOutputType: 'processing-failed',
        errorCode: 'Lambda.ProcessingFailed',
        errorMessage: 'total_cents: not a number',
        arrivedAt: '2026-11-26T10:00:00.000Z',
        failedAt: '2026-11-26T10:00:01.000Z',
        orderId: '01A',
        eventName: 'MODIFY',
        payloadTruncated: false,
      }),
      expect.objectContaining({ line: 3, errorMessage: 'data is not JSON', payload: '{"oops', orderId: null }),
    ]);
  });

  it('cuts long payloads', () => {
    const [record] = parseErrorObject('errors/x/y', line(b64('x'.repeat(MAX_PAYLOAD + 10))));
    expect(record).toMatchObject({ payloadTruncated: true });
    expect(record!.payload).toHaveLength(MAX_PAYLOAD);
  });

  it('takes the error output type from the key', () => {
    expect(errorOutputTypeOf('errors/partitioning-failed/2026/x')).toBe('partitioning-failed');
    expect(errorOutputTypeOf('other/x')).toBeNull();
  });
});

describe('parseDeadLetter', () => {
  it('reads the local pipe worker’s message: reason, shard and each record', () => {
    const body = JSON.stringify({
      pipe: 'orders-to-kinesis',
      source: 'arn:stream',
      shardId: 'shardId-1',
      failedAt: '2026-11-26T10:00:00.000Z',
      reason: 'ResourceNotFoundException: Stream missing',
      records: [
        { reason: 'ResourceNotFoundException', attempts: 1, partitionKey: '01A', sequenceNumber: '100', record: JSON.parse(streamRecord('01A')) },
        { reason: 'ResourceNotFoundException', attempts: 1, partitionKey: '01B', sequenceNumber: '200', record: {} },
      ],
    });
    expect(parseDeadLetter({ messageId: 'm', body, sentTimestamp: String(Date.parse('2026-11-26T10:00:02Z')), receiveCount: '3' })).toMatchObject({
      messageId: 'm',
      sentAt: '2026-11-26T10:00:02.000Z',
      receiveCount: 3,
      reason: 'ResourceNotFoundException: Stream missing',
      shardId: 'shardId-1',
      streamArn: 'arn:stream',
      batchSize: 2,
      firstSequenceNumber: '100',
      lastSequenceNumber: '200',
      records: [
        { orderId: '01A', eventName: 'MODIFY', sequenceNumber: '100', attempts: 1 },
        { orderId: '01B', eventName: null, sequenceNumber: '200' },
      ],
    });
  });

  it('reads the batch metadata AWS sends, and survives a body that is not JSON', () => {
    const aws = JSON.stringify({
      context: { condition: 'RetryAttemptsExhausted' },
      timestamp: '2026-11-26T10:00:00Z',
      DDBStreamBatchInfo: { shardId: 'shardId-9', startSequenceNumber: '1', endSequenceNumber: '5', batchSize: 5, streamArn: 'arn:s' },
    });
    expect(parseDeadLetter({ messageId: 'a', body: aws })).toMatchObject({
      reason: 'RetryAttemptsExhausted',
      sentAt: '2026-11-26T10:00:00Z',
      shardId: 'shardId-9',
      batchSize: 5,
      firstSequenceNumber: '1',
      lastSequenceNumber: '5',
      records: [],
    });
    expect(parseDeadLetter({ messageId: 'b', body: 'plain text' })).toMatchObject({
      reason: 'No reason recorded in the message',
      body: 'plain text',
      batchSize: 0,
    });
  });
});

describe('summarise (Kinesis activity)', () => {
  const now = Date.parse('2026-11-26T12:00:00Z');
  const sample = (agoMs: number, latency: number | null, change: number | null = null) => ({ arrival: now - agoMs, latency, change });

  it('counts the last minute and hour and takes latency percentiles of the last five minutes', () => {
    const snapshot = summarise(
      [sample(10_000, 500, now - 10_500 - 0.5), sample(50_000, 1_500, now - 51_500 + 0.25), sample(400_000, 90_000), sample(2 * 3_600_000, 1)],
      now,
      now - 3 * 3_600_000,
    );
    expect(snapshot).toMatchObject({ lastMinute: 2, lastHour: 3, newestArrival: new Date(now - 10_000).toISOString() });
    expect(snapshot.latency).toMatchObject({ samples: 2, p50Ms: 500, p95Ms: 1_500, maxMs: 1_500, minuteRounded: false });
    expect(snapshot.windowStart).toBe(new Date(now - 3_600_000).toISOString());
  });

  it('takes rounding off minute-stamped change times for the floor', () => {
    const onMinute = Date.parse('2026-11-26T11:59:00Z');
    const snapshot = summarise([sample(5_000, 55_000, onMinute), sample(4_000, 56_000, onMinute)], now, now);
    expect(snapshot.latency).toMatchObject({ p95Ms: 56_000, p95FloorMs: 0, minuteRounded: true });
  });

  it('has no latency when nothing arrived recently', () => {
    expect(summarise([], now, now)).toMatchObject({ lastHour: 0, latency: null, newestArrival: null });
  });

  it('percentile picks the nearest rank', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('delivered objects', () => {
  it('builds the key a time sorts after from a Firehose object name', () => {
    expect(keyAtTime('order_changes/dt=2026-11-26/order-changes-to-s3-1-2026-11-26-10-00-00-abc', new Date('2026-11-26T11:45:07Z'))).toBe(
      'order_changes/dt=2026-11-26/order-changes-to-s3-1-2026-11-26-11-45-07',
    );
    expect(keyAtTime('order_changes/dt=2026-11-26/other.json', new Date())).toBeUndefined();
  });

  it('counts rows and finds the newest change_time', () => {
    const text = ['{"change_time":"2026-11-26T10:00:01.000Z"}', '{"change_time":"2026-11-26T10:00:03.000Z"}', '{"change_time":"2026-11-26T10:00:02.000Z"}', ''].join('\n');
    expect(summariseRows(text)).toEqual({ rows: 3, newestChangeTime: '2026-11-26T10:00:03.000Z' });
    expect(summariseRows('')).toEqual({ rows: 0, newestChangeTime: null });
  });
});

describe('healthQuerySchema', () => {
  it('defaults and bounds samples, refusing unknown parameters', () => {
    expect(healthQuerySchema.parse({})).toEqual({ samples: 5 });
    expect(healthQuerySchema.parse({ samples: '0' })).toEqual({ samples: 0 });
    expect(healthQuerySchema.safeParse({ samples: '11' }).success).toBe(false);
    expect(healthQuerySchema.safeParse({ samples: '1.5' }).success).toBe(false);
    expect(healthQuerySchema.safeParse({ verbose: '1' }).success).toBe(false);
  });
});
