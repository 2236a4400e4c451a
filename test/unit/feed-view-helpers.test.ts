import { describe, expect, it } from 'vitest';
import { toFeedItem, type FeedEvent } from '@/components/feed/feed-model';
import { fieldRows, formatValue } from '@/components/feed/field-rows';
import {
  describeStreamError,
  localInputToIso,
  reconnectDelayMs,
  streamUrl,
} from '@/components/feed/stream-url';
import { bucketThroughput, sparklinePoints, WINDOW_SECONDS } from '@/components/feed/throughput';

const S0 = 'shardId-000000000000';
const S1 = 'shardId-000000000001';

function event(shardId: string, overrides: Partial<FeedEvent> = {}): FeedEvent {
  return {
    id: `${shardId}:1`,
    shardId,
    sequenceNumber: '1',
    partitionKey: 'O',
    arrivalTime: null,
    eventName: 'MODIFY',
    eventID: 'e',
    changeTime: null,
    keys: { order_id: 'O' },
    oldImage: null,
    newImage: null,
    diff: [],
    latencyMs: null,
    ...overrides,
  };
}
const at = (shardId: string, ms: number) => toFeedItem(event(shardId), ms);

describe('bucketThroughput', () => {
  const now = 1_000_000_500; // half-way through a second

  it('counts arrivals per shard per second; the last bucket is the current second', () => {
    const items = [at(S0, now), at(S0, now - 400), at(S0, now - 1_000), at(S1, now - 59_000)];
    const [s0, s1] = bucketThroughput(items, now);
    expect(s0!.shardId).toBe(S0);
    expect(s0!.buckets).toHaveLength(WINDOW_SECONDS);
    expect(s0!.buckets.at(-1)).toBe(2);
    expect(s0!.buckets.at(-2)).toBe(1);
    expect(s0!.total).toBe(3);
    expect(s1!.buckets[0]).toBe(1);
  });

  it('ignores arrivals older than the window or from the future', () => {
    const [s0] = bucketThroughput([at(S0, now - 61_000), at(S0, now + 2_000), at(S0, now)], now);
    expect(s0!.total).toBe(1);
  });

  it('rates over the last ten full seconds, leaving out the second still filling', () => {
    const items = Array.from({ length: 20 }, (_, i) => at(S0, now - 1_000 - (i % 10) * 1_000));
    items.push(at(S0, now), at(S0, now));
    expect(bucketThroughput(items, now)[0]!.rate).toBe(2);
  });

  it('gives known shards a flat line even with no arrivals, sorted by id', () => {
    const rows = bucketThroughput([at(S1, now)], now, [S1, S0]);
    expect(rows.map((r) => r.shardId)).toEqual([S0, S1]);
    expect(rows[0]!.total).toBe(0);
    expect(rows[0]!.buckets.every((n) => n === 0)).toBe(true);
  });
});

describe('sparklinePoints', () => {
  it('spreads values across the width and scales the peak to the top', () => {
    expect(sparklinePoints([0, 2, 1], 100, 22)).toBe('0,21 50,1 100,11');
  });

  it('draws an idle shard as a flat line at the bottom and handles an empty series', () => {
    expect(sparklinePoints([0, 0], 10, 10)).toBe('0,9 10,9');
    expect(sparklinePoints([], 10, 10)).toBe('');
  });
});

describe('fieldRows', () => {
  it('lists the diff, then unchanged leaves, sorted by path with items[2] before items[10]', () => {
    const items = Array.from({ length: 11 }, (_, i) => ({ quantity: i }));
    const newItems = items.map((it, i) => (i === 10 ? { quantity: 99 } : it));
    const rows = fieldRows(
      event(S0, {
        oldImage: { a: 1, items },
        newImage: { a: 1, items: newItems, note: 'new' },
        diff: [
          { path: 'items[10].quantity', kind: 'changed', old: 10, new: 99 },
          { path: 'note', kind: 'added', new: 'new' },
        ],
      }),
    );
    expect(rows.map((r) => r.path)).toEqual(['a', ...items.map((_, i) => `items[${i}].quantity`), 'note']);
    expect(rows.find((r) => r.path === 'items[10].quantity')).toMatchObject({
      kind: 'changed',
      old: 10,
      new: 99,
    });
    expect(rows.find((r) => r.path === 'items[2].quantity')).toMatchObject({ kind: 'same', new: 2 });
    expect(rows.find((r) => r.path === 'note')).toMatchObject({ kind: 'added' });
  });

  it('does not repeat the leaves of an added line item', () => {
    const rows = fieldRows(
      event(S0, {
        oldImage: { items: [] },
        newImage: { items: [{ sku: 'A', quantity: 1 }] },
        diff: [{ path: 'items[0]', kind: 'added', new: { sku: 'A', quantity: 1 } }],
      }),
    );
    expect(rows).toEqual([{ path: 'items[0]', kind: 'added', new: { sku: 'A', quantity: 1 } }]);
  });

  it('reads a REMOVE from its old image', () => {
    const rows = fieldRows(
      event(S0, { eventName: 'REMOVE', oldImage: { a: 1 }, diff: [{ path: 'a', kind: 'removed', old: 1 }] }),
    );
    expect(rows).toEqual([{ path: 'a', kind: 'removed', old: 1 }]);
  });

  it('formats strings bare and other values as JSON', () => {
    expect(formatValue('x')).toBe('x');
    expect(formatValue(3)).toBe('3');
    expect(formatValue({ a: [1] })).toBe('{"a":[1]}');
    expect(formatValue(undefined)).toBe('—');
  });
});

describe('stream URL and errors', () => {
  it('builds the stream query for each position, with the resume point when given', () => {
    expect(streamUrl({ type: 'LATEST', shard: 'all' })).toBe('/api/feed/stream?shard=all&position=LATEST');
    expect(streamUrl({ type: 'AT_TIMESTAMP', shard: 'all', timestamp: '2026-03-10T12:00:00Z' })).toBe(
      '/api/feed/stream?shard=all&position=AT_TIMESTAMP&timestamp=2026-03-10T12%3A00%3A00Z',
    );
    expect(streamUrl({ type: 'AT_SEQUENCE_NUMBER', shard: S1, sequence: '42' }, `${S1}:43`)).toBe(
      `/api/feed/stream?shard=${S1}&position=AT_SEQUENCE_NUMBER&sequence=42&lastEventId=${encodeURIComponent(`${S1}:43`)}`,
    );
    // A timestamp only goes with AT_TIMESTAMP.
    expect(streamUrl({ type: 'LATEST', shard: 'all', timestamp: 'x' })).not.toContain('timestamp');
  });

  it('reads a datetime-local value as UTC and passes anything else through for the API to judge', () => {
    expect(localInputToIso('2026-03-10T12:00')).toBe('2026-03-10T12:00:00Z');
    expect(localInputToIso('2026-03-10T12:00:05')).toBe('2026-03-10T12:00:05Z');
    expect(localInputToIso('noon')).toBe('noon');
  });

  it('shows the API’s reasons: 400 issues, a 503 message, else the status', () => {
    expect(
      describeStreamError(400, {
        error: 'validation',
        issues: [
          { path: 'shard', message: 'AT_SEQUENCE_NUMBER needs a single shard id' },
          { path: 'sequence', message: 'sequence must be digits' },
        ],
      }),
    ).toBe('AT_SEQUENCE_NUMBER needs a single shard id; sequence must be digits');
    expect(describeStreamError(503, { error: 'unavailable', message: 'Kinesis is unreachable' })).toBe(
      'Kinesis is unreachable',
    );
    expect(describeStreamError(502, null)).toBe('The feed answered HTTP 502');
  });

  it('backs off 1, 2, 4 … seconds, capped at 15', () => {
    expect([0, 1, 2, 3, 4, 10].map(reconnectDelayMs)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
  });
});
