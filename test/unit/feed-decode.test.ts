import { marshall } from '@aws-sdk/util-dynamodb';
import { describe, expect, it } from 'vitest';
import { decodeRecord, eventIdOf, parseEventId, RAW_LIMIT } from '@/lib/feed/decode';
import { storedOrder, streamRecord } from '../support/stream-records';

const SHARD = 'shardId-000000000001';
const arrival = new Date('2026-03-10T12:00:01.250Z');

function kinesisRecord(data: unknown, overrides: { arrival?: Date } = {}) {
  return {
    SequenceNumber: '49590338271490256608559692538361571095921575989136588898',
    PartitionKey: '01JD0000000000000000000001',
    ApproximateArrivalTimestamp: overrides.arrival ?? arrival,
    Data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)),
  };
}

describe('decodeRecord', () => {
  it('decodes an INSERT: plain images, all fields added, latency from change time to arrival', () => {
    const event = decodeRecord(SHARD, kinesisRecord(streamRecord()));
    expect(event).toMatchObject({
      id: `${SHARD}:49590338271490256608559692538361571095921575989136588898`,
      shardId: SHARD,
      partitionKey: '01JD0000000000000000000001',
      arrivalTime: '2026-03-10T12:00:01.250Z',
      changeTime: '2026-03-10T12:00:01.000Z',
      eventName: 'INSERT',
      eventID: 'evt-1',
      keys: { order_id: '01JD0000000000000000000001' },
      oldImage: null,
      latencyMs: 250,
    });
    expect(event.newImage).toMatchObject({ total_cents: 259_800, items: [{ sku: 'LAP-13', quantity: 2 }] });
    expect(event.diff.every((d) => d.kind === 'added')).toBe(true);
    expect(event.error).toBeUndefined();
  });

  it('decodes a MODIFY into the changed fields only', () => {
    const oldImage = storedOrder();
    const newImage = storedOrder({ status: 'shipped', version: 2 });
    const event = decodeRecord(
      SHARD,
      kinesisRecord(streamRecord({ eventName: 'MODIFY', oldImage, newImage })),
    );
    expect(event.eventName).toBe('MODIFY');
    expect(event.diff).toEqual([
      { path: 'status', kind: 'changed', old: 'paid', new: 'shipped' },
      { path: 'version', kind: 'changed', old: 1, new: 2 },
    ]);
  });

  it('decodes a REMOVE: old image only, every field removed', () => {
    const event = decodeRecord(
      SHARD,
      kinesisRecord(streamRecord({ eventName: 'REMOVE', oldImage: storedOrder(), newImage: null })),
    );
    expect(event.eventName).toBe('REMOVE');
    expect(event.newImage).toBeNull();
    expect(event.oldImage).toMatchObject({ order_id: '01JD0000000000000000000001' });
    expect(event.diff.length).toBeGreaterThan(0);
    expect(event.diff.every((d) => d.kind === 'removed')).toBe(true);
  });

  it('turns non-JSON data into an event with error and truncated raw text, never throwing', () => {
    const event = decodeRecord(SHARD, kinesisRecord('x'.repeat(RAW_LIMIT + 100)));
    expect(event.error).toBe('The record is not JSON');
    expect(event.raw).toHaveLength(RAW_LIMIT + 1);
    expect(event.eventName).toBeNull();
    expect(event.id).toBe(`${SHARD}:49590338271490256608559692538361571095921575989136588898`);
  });

  it('reports JSON that is not a stream record, and a bad image, as errors', () => {
    expect(decodeRecord(SHARD, kinesisRecord({ hello: 'world' })).error).toMatch(
      /not a DynamoDB stream record/,
    );
    const record = streamRecord();
    (record.dynamodb as Record<string, unknown>).NewImage = { total: { Z: 'x' } };
    const event = decodeRecord(SHARD, kinesisRecord(record));
    expect(event.error).toMatch(/NewImage is not a valid DynamoDB image/);
    expect(event.eventName).toBe('INSERT');
    expect(event.diff).toEqual([]);
  });

  it('keeps sets as arrays and big or trailing-zero numbers exact', () => {
    const image = marshall({ order_id: 'o1', tags: new Set(['a', 'b']) });
    image.big = { N: '12345678901234567890' };
    image.price = { N: '1.50' };
    const record = streamRecord();
    (record.dynamodb as Record<string, unknown>).NewImage = image;
    const event = decodeRecord(SHARD, kinesisRecord(record));
    expect(event.newImage).toEqual({
      order_id: 'o1',
      tags: ['a', 'b'],
      big: '12345678901234567890',
      price: '1.50',
    });
  });

  it('has no latency without an arrival time', () => {
    const event = decodeRecord(SHARD, {
      SequenceNumber: '1',
      Data: Buffer.from(JSON.stringify(streamRecord())),
    });
    expect(event.latencyMs).toBeNull();
    expect(event.arrivalTime).toBeNull();
  });
});

describe('event ids', () => {
  it('round-trip and reject malformed ids', () => {
    expect(parseEventId(eventIdOf(SHARD, '123'))).toEqual({ shardId: SHARD, sequenceNumber: '123' });
    expect(parseEventId('nonsense')).toBeUndefined();
    expect(parseEventId(`${SHARD}:abc`)).toBeUndefined();
  });
});
