import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedEvent } from '@/lib/feed/decode';
import { FeedHub } from '@/lib/feed/hub';
import type { FeedQuery } from '@/lib/feed/position';
import { FakeKinesis } from '../support/fake-kinesis';

const S0 = 'shardId-000000000000';
const S1 = 'shardId-000000000001';
const live: FeedQuery = { shard: 'all', position: { type: 'LATEST' } };

let fake: FakeKinesis;
let hub: FeedHub;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  fake = new FakeKinesis(2);
  hub = new FeedHub({ source: fake, graceMs: 1_000, bufferSize: 50, log: () => undefined });
});

afterEach(() => {
  hub.stop();
  vi.useRealTimers();
});

/** A subscriber that records what it receives. */
async function subscribe(query: FeedQuery = live) {
  const events: FeedEvent[] = [];
  const subscription = await hub.subscribe(query, (e) => events.push(e));
  return { events, ...subscription, payloads: () => events.map((e) => e.raw ?? e.error) };
}

const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('FeedHub with a fake Kinesis', () => {
  it('serves 100 live subscribers with one poller per shard and at most 5 GetRecords/s per shard', async () => {
    const viewers = await Promise.all(Array.from({ length: 100 }, () => subscribe()));
    expect(fake.calls.getIterator.map((c) => c.shardId).sort()).toEqual([S0, S1]);
    expect(hub.stats().pollers.map((p) => [p.shardId, p.subscribers])).toEqual([
      [S0, 100],
      [S1, 100],
    ]);

    const start = Date.now();
    for (let i = 0; i < 20; i++) {
      fake.put(i % 2 ? S1 : S0, `r${i}`);
      await tick(500);
    }
    // 10 s at one call per 200 ms: 50 calls, plus the one at the window's edge.
    expect(fake.getRecordsCount(S0, start)).toBeLessThanOrEqual(51);
    expect(fake.getRecordsCount(S1, start)).toBeLessThanOrEqual(51);
    expect(fake.getRecordsCount(S0, start)).toBeGreaterThan(20);
    for (const viewer of viewers) expect(viewer.events).toHaveLength(20);
    expect(hub.stats().callsPerSecond[S0]).toBeLessThanOrEqual(5);
  });

  it('keeps the 5/s budget when private readers and the live poller share a shard', async () => {
    await subscribe();
    for (let i = 0; i < 5; i++) fake.put(S0, `old${i}`);
    await Promise.all(
      Array.from({ length: 10 }, () => subscribe({ shard: S0, position: { type: 'TRIM_HORIZON' } })),
    );
    const start = Date.now();
    await tick(10_000);
    expect(fake.getRecordsCount(S0, start)).toBeLessThanOrEqual(51);
  });

  it('with idlePollMs, pauses at the tip so other consumers keep most of the shard budget', async () => {
    const idle = new FeedHub({ source: fake, idlePollMs: 800, log: () => undefined });
    const events: FeedEvent[] = [];
    const subscription = await idle.subscribe({ shard: S0, position: { type: 'LATEST' } }, (e) =>
      events.push(e),
    );
    const start = Date.now();
    await tick(10_000);
    // The pause covers the 200 ms gate: one call per 800 ms, 13 at most in 10 s instead of 51.
    expect(fake.getRecordsCount(S0, start)).toBeLessThanOrEqual(13);
    fake.put(S0, 'a');
    await tick(1_500);
    expect(events.map((e) => e.raw)).toEqual(['a']);
    subscription.close();
    idle.stop();
  });

  it('stops polling a shard once its last subscriber leaves (after the grace period)', async () => {
    const a = await subscribe();
    const b = await subscribe({ shard: S1, position: { type: 'LATEST' } });
    a.close();
    await tick(2_000);
    expect(hub.stats().pollers.map((p) => p.shardId)).toEqual([S1]);
    const quiet = Date.now();
    await tick(2_000);
    expect(fake.getRecordsCount(S0, quiet)).toBe(0);
    expect(fake.getRecordsCount(S1, quiet)).toBeGreaterThan(0);
    b.close();
    await tick(2_000);
    const after = Date.now();
    await tick(5_000);
    expect(fake.calls.getRecords.filter((c) => c.at >= after)).toEqual([]);
    expect(hub.stats()).toMatchObject({ subscribers: 0, pollers: [] });
  });

  it('reopens an expired iterator right after the last record seen: no gap, no repeat', async () => {
    const viewer = await subscribe({ shard: S0, position: { type: 'LATEST' } });
    fake.put(S0, 'a');
    await tick(500);
    fake.put(S0, 'b');
    fake.failNextGetRecords(S0, 'ExpiredIteratorException');
    await tick(1_000);
    fake.put(S0, 'c');
    await tick(500);
    expect(viewer.payloads()).toEqual(['a', 'b', 'c']);
    expect(fake.calls.getIterator.at(-1)).toEqual({
      shardId: S0,
      start: { type: 'AFTER_SEQUENCE_NUMBER', sequence: viewer.events[0]!.sequenceNumber },
    });
  });

  it('backs off on ProvisionedThroughputExceeded and still delivers', async () => {
    const viewer = await subscribe({ shard: S0, position: { type: 'LATEST' } });
    fake.put(S0, 'a');
    fake.failNextGetRecords(S0, ...Array(4).fill('ProvisionedThroughputExceededException'));
    const start = Date.now();
    await tick(3_000);
    // 250 + 500 + 1000 + 2000 ms of backoff leaves room for far fewer than 15 calls.
    expect(fake.getRecordsCount(S0, start)).toBeLessThanOrEqual(6);
    await tick(2_000);
    expect(viewer.payloads()).toEqual(['a']);
  });

  it('follows a split: the parent is read to its end before its children', async () => {
    const viewer = await subscribe({ shard: S0, position: { type: 'LATEST' } });
    fake.put(S0, 'p1');
    fake.put(S0, 'p2');
    fake.split(S0, ['shardId-000000000002', 'shardId-000000000003']);
    fake.put('shardId-000000000002', 'c1');
    fake.put('shardId-000000000003', 'c2');
    await tick(3_000);
    expect(viewer.payloads().slice(0, 2)).toEqual(['p1', 'p2']);
    expect(viewer.payloads().slice(2).sort()).toEqual(['c1', 'c2']);
    expect(
      hub
        .stats()
        .pollers.map((p) => p.shardId)
        .sort(),
    ).toEqual(['shardId-000000000002', 'shardId-000000000003']);
  });

  it('follows a merge: the child starts once both parents are read to their end', async () => {
    const viewer = await subscribe();
    fake.put(S0, 'a1');
    fake.put(S1, 'b1');
    fake.merge(S0, S1, 'shardId-000000000002');
    fake.put('shardId-000000000002', 'm1');
    await tick(3_000);
    expect(viewer.payloads().slice(0, 2).sort()).toEqual(['a1', 'b1']);
    expect(viewer.payloads().slice(2)).toEqual(['m1']);
    expect(fake.calls.getIterator.filter((c) => c.shardId === 'shardId-000000000002')).toHaveLength(1);
    expect(hub.stats().pollers).toMatchObject([{ shardId: 'shardId-000000000002', subscribers: 1 }]);
  });

  it('resumes from Last-Event-ID out of the buffer, without gaps or repeats', async () => {
    await subscribe(); // keeps the pollers (and their buffers) alive
    const first = await subscribe();
    fake.put(S0, 'a');
    fake.put(S1, 'b');
    await tick(500);
    const lastSeen = first.events.at(-1)!.id;
    first.close();
    fake.put(S0, 'c');
    fake.put(S1, 'd');
    await tick(500);
    const iteratorsBefore = fake.calls.getIterator.length;
    const again = await subscribe({ ...live, lastEventId: lastSeen });
    fake.put(S0, 'e');
    await tick(500);
    expect(fake.calls.getIterator.length).toBe(iteratorsBefore);
    expect(new Set([...first.payloads(), ...again.payloads()])).toEqual(new Set(['a', 'b', 'c', 'd', 'e']));
    expect(first.events.length + again.events.length).toBe(5);
  });

  it('resumes beyond the buffer with a private reader after the last sequence, then joins the live tail', async () => {
    const first = await subscribe({ shard: S0, position: { type: 'LATEST' } });
    fake.put(S0, 'a');
    await tick(500);
    first.close();
    await tick(2_000); // the poller and its buffer are gone
    fake.put(S0, 'b');
    const again = await subscribe({
      shard: S0,
      position: { type: 'LATEST' },
      lastEventId: first.events[0]!.id,
    });
    await tick(500);
    fake.put(S0, 'c');
    await tick(500);
    expect(again.payloads()).toEqual(['b', 'c']);
    expect(hub.stats()).toMatchObject({ privateReaders: 0, pollers: [{ shardId: S0, subscribers: 1 }] });
  });

  it('starts private readers at TRIM_HORIZON, AT_TIMESTAMP and AT_SEQUENCE_NUMBER', async () => {
    fake.put(S0, 'a');
    await tick(1_000);
    const cut = new Date();
    const b = fake.put(S0, 'b');
    fake.put(S0, 'c');
    const all = await subscribe({ shard: S0, position: { type: 'TRIM_HORIZON' } });
    const since = await subscribe({ shard: S0, position: { type: 'AT_TIMESTAMP', timestamp: cut } });
    const fromB = await subscribe({ shard: S0, position: { type: 'AT_SEQUENCE_NUMBER', sequence: b } });
    await tick(1_000);
    expect(all.payloads()).toEqual(['a', 'b', 'c']);
    expect(since.payloads()).toEqual(['b', 'c']);
    expect(fromB.payloads()).toEqual(['b', 'c']);
  });

  it('rejects an unknown shard and a malformed Last-Event-ID', async () => {
    await expect(
      hub.subscribe({ shard: 'shardId-000000000009', position: { type: 'LATEST' } }, () => undefined),
    ).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'shard' }],
    });
    await expect(hub.subscribe({ ...live, lastEventId: 'garbage' }, () => undefined)).rejects.toMatchObject({
      issues: [{ path: 'lastEventId' }],
    });
  });

  it('reports Kinesis being unreachable as FeedUnavailable', async () => {
    const broken = new FeedHub({
      source: {
        listShards: () => Promise.reject(new Error('ECONNREFUSED')),
        getIterator: () => Promise.reject(new Error('unused')),
        getRecords: () => Promise.reject(new Error('unused')),
      },
      log: () => undefined,
    });
    await expect(broken.subscribe(live, () => undefined)).rejects.toMatchObject({ name: 'FeedUnavailable' });
  });
});
