import { describe, expect, it } from 'vitest';
import {
  changedBy,
  compareNewestFirst,
  displayLatency,
  emptyBuffer,
  filterItems,
  matchesFilters,
  noFilters,
  pauseBuffer,
  rankedChanges,
  receiveItems,
  resumeBuffer,
  toFeedItem,
  type FeedEvent,
  type FeedItem,
} from '@/components/feed/feed-model';

let seq = 0;
function event(overrides: Partial<FeedEvent> = {}): FeedEvent {
  seq += 1;
  const sequenceNumber = String(1000 + seq);
  const shardId = overrides.shardId ?? 'shardId-000000000000';
  return {
    id: `${shardId}:${sequenceNumber}`,
    shardId,
    sequenceNumber,
    partitionKey: 'ORDER-1',
    arrivalTime: '2026-03-10T12:00:01.000Z',
    eventName: 'INSERT',
    eventID: `evt-${seq}`,
    changeTime: '2026-03-10T12:00:01.000Z',
    keys: { order_id: 'ORDER-1' },
    oldImage: null,
    newImage: { order_id: 'ORDER-1', customer: { name: 'Ada Lovelace' } },
    diff: [],
    latencyMs: 12,
    ...overrides,
  };
}
const item = (overrides: Partial<FeedEvent> = {}, receivedAt = 0): FeedItem =>
  toFeedItem(event(overrides), receivedAt);
const ids = (items: FeedItem[]) => items.map((i) => i.event.id);

describe('receiveItems', () => {
  it('shows arrivals newest first and ignores a record it already holds', () => {
    const [a, b, c] = [item(), item(), item()];
    let buffer = receiveItems(emptyBuffer(), [a!, b!]);
    buffer = receiveItems(buffer, [b!, c!]);
    expect(ids(buffer.shown)).toEqual(ids([c!, b!, a!]));
  });

  it('keeps only the newest records when full, and counts what it dropped', () => {
    const items = Array.from({ length: 7 }, () => item());
    const buffer = receiveItems(receiveItems(emptyBuffer(), items.slice(0, 4), 5), items.slice(4), 5);
    expect(ids(buffer.shown)).toEqual(ids(items.slice(2).reverse()));
    expect(buffer.dropped).toBe(2);
    // A dropped record is forgotten, so it could be shown again if replayed.
    expect(buffer.ids.has(items[0]!.event.id)).toBe(false);
    expect(buffer.ids.size).toBe(5);
  });
});

describe('pause and resume', () => {
  it('buffers arrivals while paused and puts them on top, in order, on resume', () => {
    const [a, b, c, d] = [item(), item(), item(), item()];
    let buffer = receiveItems(emptyBuffer(), [a!]);
    buffer = pauseBuffer(buffer);
    buffer = receiveItems(buffer, [b!, c!]);
    buffer = receiveItems(buffer, [d!]);
    expect(ids(buffer.shown)).toEqual(ids([a!]));
    expect(ids(buffer.pending)).toEqual(ids([d!, c!, b!]));
    buffer = resumeBuffer(buffer);
    expect(buffer.paused).toBe(false);
    expect(buffer.pending).toEqual([]);
    expect(ids(buffer.shown)).toEqual(ids([d!, c!, b!, a!]));
  });

  it('bounds shown + pending together, dropping the oldest shown records first', () => {
    const items = Array.from({ length: 6 }, () => item());
    let buffer = receiveItems(emptyBuffer(), items.slice(0, 3), 4);
    buffer = receiveItems(pauseBuffer(buffer), items.slice(3), 4);
    expect(ids(buffer.shown)).toEqual(ids([items[2]!]));
    expect(ids(buffer.pending)).toEqual(ids(items.slice(3).reverse()));
    expect(buffer.dropped).toBe(2);
  });

  it('drops the oldest waiting records when more arrive while paused than the buffer holds', () => {
    const items = Array.from({ length: 5 }, () => item());
    const buffer = receiveItems(pauseBuffer(emptyBuffer()), items, 3);
    expect(ids(buffer.pending)).toEqual(ids(items.slice(2).reverse()));
    expect(buffer.dropped).toBe(2);
  });

  it('pausing twice or resuming while live changes nothing', () => {
    const buffer = receiveItems(emptyBuffer(), [item()]);
    expect(resumeBuffer(buffer)).toBe(buffer);
    const paused = pauseBuffer(buffer);
    expect(pauseBuffer(paused)).toBe(paused);
  });
});

describe('filters', () => {
  const insert = item({ keys: { order_id: '01JABCDEF' }, newImage: { customer: { name: 'Grace Hopper' } } });
  const modify = item({ eventName: 'MODIFY', keys: { order_id: '01JXYZ' }, shardId: 'shardId-000000000001' });
  const raw = item({
    eventName: null,
    keys: null,
    newImage: null,
    partitionKey: 'P-9',
    error: 'The record is not JSON',
    raw: 'not json {',
  });
  const all = [insert, modify, raw];

  it('shows everything without filters (the same array, no copy)', () => {
    expect(filterItems(all, noFilters)).toBe(all);
  });

  it('filters by event type; a record without one only shows when no type is picked', () => {
    expect(filterItems(all, { ...noFilters, events: ['MODIFY'] })).toEqual([modify]);
    expect(filterItems(all, { ...noFilters, events: ['INSERT', 'MODIFY'] })).toEqual([insert, modify]);
  });

  it('filters by any part of the order id, ignoring case and spaces, falling back to the partition key', () => {
    expect(filterItems(all, { ...noFilters, orderId: ' abcd ' })).toEqual([insert]);
    expect(filterItems(all, { ...noFilters, orderId: 'p-9' })).toEqual([raw]);
  });

  it('filters by shard', () => {
    expect(filterItems(all, { ...noFilters, shard: 'shardId-000000000001' })).toEqual([modify]);
  });

  it('searches the payload text, including raw bytes, ignoring case', () => {
    expect(filterItems(all, { ...noFilters, text: 'GRACE' })).toEqual([insert]);
    expect(filterItems(all, { ...noFilters, text: 'json {' })).toEqual([raw]);
    expect(matchesFilters(insert, { ...noFilters, text: 'nobody' })).toBe(false);
  });

  it('combines filters with AND', () => {
    expect(filterItems(all, { ...noFilters, events: ['INSERT'], shard: 'shardId-000000000001' })).toEqual([]);
  });
});

describe('toFeedItem and rankedChanges', () => {
  it('reads the order id from the keys, else the images', () => {
    expect(item({ keys: null, oldImage: { order_id: 'OLD-1' }, newImage: null }).orderId).toBe('OLD-1');
    expect(item({ keys: null, newImage: null }).orderId).toBeNull();
  });

  it('lists what the user changed before the fields every write touches', () => {
    const e = event({
      eventName: 'MODIFY',
      diff: [
        { path: 'items[0].quantity', kind: 'changed', old: 2, new: 3 },
        { path: 'total_cents', kind: 'changed', old: 200, new: 300 },
        { path: 'updated_at', kind: 'changed', old: 'a', new: 'b' },
        { path: 'version', kind: 'changed', old: 1, new: 2 },
      ].reverse() as FeedEvent['diff'],
    });
    // Stable: the user's fields keep their order, the bookkeeping ones go last.
    expect(rankedChanges(e).map((d) => d.path)).toEqual([
      'total_cents',
      'items[0].quantity',
      'version',
      'updated_at',
    ]);
  });
});

describe('changedBy', () => {
  it('names who wrote the new image, or for a REMOVE who deleted it (the old image)', () => {
    expect(changedBy(event({ newImage: { updated_by: 'sales' } }))).toBe('sales');
    expect(changedBy(event({ eventName: 'REMOVE', newImage: null, oldImage: { updated_by: 'admin' } }))).toBe('admin');
  });

  it('is null for records written before the audit field', () => {
    expect(changedBy(event())).toBeNull();
    expect(changedBy(event({ newImage: { updated_by: '' } }))).toBeNull();
    expect(changedBy(event({ newImage: null, oldImage: null }))).toBeNull();
  });
});

describe('newest first across shards', () => {
  const at = (shardId: string, arrivalTime: string, sequenceNumber: string) =>
    toFeedItem(
      {
        ...event({ shardId, arrivalTime }),
        sequenceNumber,
        id: `${shardId}:${sequenceNumber}`,
      },
      0,
    );

  it('orders a replay by Kinesis arrival, interleaving shards that arrive one after the other', () => {
    const s0 = [at('s0', '2026-03-10T12:00:01.000Z', '10'), at('s0', '2026-03-10T12:00:03.000Z', '11')];
    const s1 = [at('s1', '2026-03-10T12:00:02.000Z', '20'), at('s1', '2026-03-10T12:00:04.000Z', '21')];
    const buffer = receiveItems(receiveItems(emptyBuffer(), s0), s1);
    expect(ids(buffer.shown)).toEqual(['s1:21', 's0:11', 's1:20', 's0:10']);
  });

  it('breaks ties in the same millisecond by sequence number, compared as numbers', () => {
    const same = '2026-03-10T12:00:01.000Z';
    const buffer = receiveItems(emptyBuffer(), [
      at('s0', same, '99'),
      at('s0', same, '100'),
      at('s0', same, '98'),
    ]);
    expect(ids(buffer.shown)).toEqual(['s0:100', 's0:99', 's0:98']);
    expect(compareNewestFirst(buffer.shown[0]!, buffer.shown[1]!)).toBeLessThan(0);
  });

  it('orders one batch (same millisecond) across shards by the write time', () => {
    const same = '2026-03-10T12:00:01.000Z';
    const write = (shardId: string, seq: string, updated: string) =>
      toFeedItem({ ...at(shardId, same, seq).event, newImage: { updated_at: updated } }, 0);
    const buffer = receiveItems(emptyBuffer(), [
      write('s1', '5', '2026-03-10T12:00:00.300Z'),
      write('s0', '900', '2026-03-10T12:00:00.100Z'),
      write('s0', '901', '2026-03-10T12:00:00.200Z'),
    ]);
    expect(ids(buffer.shown)).toEqual(['s1:5', 's0:901', 's0:900']);
  });

  it('merges records buffered while paused into their place on resume', () => {
    let buffer = receiveItems(emptyBuffer(), [at('s0', '2026-03-10T12:00:03.000Z', '3')]);
    buffer = receiveItems(pauseBuffer(buffer), [
      at('s1', '2026-03-10T12:00:02.000Z', '2'),
      at('s1', '2026-03-10T12:00:04.000Z', '4'),
    ]);
    expect(ids(resumeBuffer(buffer).shown)).toEqual(['s1:4', 's0:3', 's1:2']);
  });
});

describe('displayLatency', () => {
  const base = event({
    arrivalTime: '2026-03-10T12:00:48.800Z',
    changeTime: '2026-03-10T12:00:00.000Z',
    latencyMs: 48_800,
  });

  it("uses the order's updated_at when the stream's change time is coarser than it", () => {
    expect(displayLatency({ ...base, newImage: { updated_at: '2026-03-10T12:00:48.550Z' } })).toEqual({
      ms: 250,
      upperBound: false,
    });
  });

  it("keeps the stream's figure, as an upper bound, without a usable updated_at", () => {
    const bound = { ms: 48_800, upperBound: true };
    expect(displayLatency({ ...base, newImage: null })).toEqual(bound);
    expect(displayLatency({ ...base, newImage: { updated_at: 'soon' } })).toEqual(bound);
    // Written after it arrived, or before the change: not this change's write time.
    expect(displayLatency({ ...base, newImage: { updated_at: '2026-03-10T12:00:49.000Z' } })).toEqual(bound);
    expect(displayLatency({ ...base, newImage: { updated_at: '2026-03-10T11:59:00.000Z' } })).toEqual(bound);
    expect(displayLatency({ ...base, newImage: null, latencyMs: null })).toBeNull();
  });
});
