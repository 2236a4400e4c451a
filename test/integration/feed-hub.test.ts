import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '@/lib/feed/decode';
import { tailMarker } from '@/lib/feed/decode';
import { TAIL_RESUME_MARGIN_MS, type FeedHub } from '@/lib/feed/hub';
import { orderIds, setupFeedStream, SHARD_0, SHARD_1 } from '../support/feed';
import { waitFor } from '../support/wait';

const fixture = setupFeedStream('hub');
const live = { shard: 'all', position: { type: 'LATEST' } } as const;

async function viewer(hub: FeedHub, query: Parameters<FeedHub['subscribe']>[0] = live) {
  const events: FeedEvent[] = [];
  const subscription = await hub.subscribe(query, (e) => events.push(e));
  return { events, ...subscription };
}

type Viewer = Awaited<ReturnType<typeof viewer>>;

/** Waits until the number of events the viewer holds satisfies `enough`. */
function waitForEvents(v: Viewer, enough: (n: number) => boolean, what: string) {
  return waitFor(() => v.events.length, enough, 10_000, what);
}

/** A viewer on its own hub reads one record on shard 0, then the hub's process goes away; returns the record's id. */
async function readOneThenStop(query: Parameters<FeedHub['subscribe']>[0], orderId: string): Promise<string> {
  const before = fixture.hub();
  const first = await viewer(before, query);
  await fixture.put(orderId, SHARD_0);
  await waitForEvents(first, (n) => n === 1, 'first record');
  first.close();
  before.stop();
  return first.events[0]!.id;
}

/** Kinesis stamps arrival in ms; step clear of the last stamp on both sides of the cut. */
async function cutBetweenArrivals(): Promise<Date> {
  await new Promise((r) => setTimeout(r, 20));
  const cut = new Date();
  await new Promise((r) => setTimeout(r, 20));
  return cut;
}

describe('feed hub on kinesalite through the SDK', () => {
  it('serves 100 live viewers with one poller per shard; every viewer gets every record', async () => {
    const hub = fixture.hub();
    const viewers = await Promise.all(Array.from({ length: 100 }, () => viewer(hub)));
    expect(
      hub
        .stats()
        .pollers.map((p) => [p.shardId, p.subscribers])
        .sort(),
    ).toEqual([
      [SHARD_0, 100],
      [SHARD_1, 100],
    ]);
    const callsBefore = hub.stats().totalCalls;
    const started = Date.now();
    const ids = Array.from({ length: 20 }, (_, i) => `hub-a-${i}`);
    for (const [i, id] of ids.entries()) await fixture.put(id, i % 2 ? SHARD_1 : SHARD_0);
    await waitFor(
      () => viewers.every((v) => v.events.length >= ids.length),
      Boolean,
      15_000,
      'every viewer has every record',
    );
    const elapsed = Date.now() - started;
    for (const v of viewers) expect(orderIds(v.events)).toEqual(expect.arrayContaining(ids));
    for (const v of viewers) expect(v.events).toHaveLength(ids.length);
    // The gate allows one call per shard per 200 ms, whatever the number of viewers.
    const calls = hub.stats().totalCalls;
    for (const shard of [SHARD_0, SHARD_1]) {
      expect(calls[shard]! - (callsBefore[shard] ?? 0)).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 1);
    }
    expect(hub.stats().pollers).toHaveLength(2);
    viewers.forEach((v) => v.close());
  });

  it('resumes a reconnect with Last-Event-ID from the buffer, missing nothing', async () => {
    const hub = fixture.hub();
    const keeper = await viewer(hub);
    const first = await viewer(hub);
    await fixture.put('hub-b-1', SHARD_0);
    await fixture.put('hub-b-2', SHARD_1);
    await waitForEvents(first, (n) => n === 2, 'first two records');
    first.close();
    const missed = ['hub-b-3', 'hub-b-4', 'hub-b-5'];
    for (const [i, id] of missed.entries()) await fixture.put(id, i % 2 ? SHARD_0 : SHARD_1);
    await waitForEvents(keeper, (n) => n === 5, 'keeper sees the missed records');
    const again = await viewer(hub, { ...live, lastEventId: first.events.at(-1)!.id });
    await fixture.put('hub-b-6', SHARD_0);
    await waitForEvents(again, (n) => n >= 4, 'resumed viewer catches up');
    expect(orderIds(again.events).sort()).toEqual([...missed, 'hub-b-6'].sort());
    keeper.close();
    again.close();
  });

  it('resumes beyond the buffer (a fresh process) with a private reader, then joins the live tail', async () => {
    const lastEventId = await readOneThenStop({ shard: SHARD_0, position: { type: 'LATEST' } }, 'hub-c-1');
    await fixture.put('hub-c-2', SHARD_0);
    await fixture.put('hub-c-3', SHARD_0);
    const after = fixture.hub();
    const again = await viewer(after, {
      shard: SHARD_0,
      position: { type: 'LATEST' },
      lastEventId,
    });
    await waitForEvents(again, (n) => n >= 2, 'missed records');
    await fixture.put('hub-c-4', SHARD_0);
    await waitForEvents(again, (n) => n >= 3, 'live record after resume');
    expect(orderIds(again.events)).toEqual(['hub-c-2', 'hub-c-3', 'hub-c-4']);
    // Once a page comes back empty, the private reader becomes the shared live poller.
    const stats = await waitFor(
      () => after.stats(),
      (s) => s.privateReaders === 0,
      10_000,
      'hand-over to the live poller',
    );
    expect(stats.pollers).toMatchObject([{ shardId: SHARD_0, subscribers: 1 }]);
    again.close();
  });

  it('starts AT_TIMESTAMP and AT_SEQUENCE_NUMBER where they should', async () => {
    const hub = fixture.hub();
    for (const [i, id] of ['hub-d-1', 'hub-d-2'].entries()) await fixture.put(id, i % 2 ? SHARD_1 : SHARD_0);
    const cut = await cutBetweenArrivals();
    const after = ['hub-d-3', 'hub-d-4', 'hub-d-5'];
    const puts = [];
    for (const [i, id] of after.entries()) puts.push(await fixture.put(id, i % 2 ? SHARD_1 : SHARD_0));

    const since = await viewer(hub, { shard: 'all', position: { type: 'AT_TIMESTAMP', timestamp: cut } });
    await waitForEvents(since, (n) => n >= 3, 'records after the cut');
    expect(orderIds(since.events).sort()).toEqual(after);

    const at = puts[1]!; // hub-d-4 on shard 1
    const fromSeq = await viewer(hub, {
      shard: at.shardId,
      position: { type: 'AT_SEQUENCE_NUMBER', sequence: at.sequenceNumber },
    });
    await waitForEvents(fromSeq, (n) => n >= 1, 'record at the sequence number');
    expect(fromSeq.events[0]).toMatchObject({
      shardId: at.shardId,
      sequenceNumber: at.sequenceNumber,
      keys: { order_id: 'hub-d-4' },
    });
    expect(orderIds(fromSeq.events)).toEqual(['hub-d-4']);
    since.close();
    fromSeq.close();
  });

  it('opens AT_TIMESTAMP on a shard with nothing after the timestamp, then tails it', async () => {
    const hub = fixture.hub();
    await fixture.put('hub-e-1', SHARD_0);
    const cut = await cutBetweenArrivals();
    const since = await viewer(hub, { shard: 'all', position: { type: 'AT_TIMESTAMP', timestamp: cut } });
    await fixture.put('hub-e-2', SHARD_1);
    await fixture.put('hub-e-3', SHARD_0);
    await waitForEvents(since, (n) => n >= 2, 'records after the cut');
    expect(orderIds(since.events).sort()).toEqual(['hub-e-2', 'hub-e-3']);
    since.close();
  });

  it('resumes every shard after a fresh process: the last shard after its sequence, the others from its arrival', async () => {
    const lastEventId = await readOneThenStop(live, 'hub-f-1');
    await fixture.put('hub-f-2', SHARD_1);
    await fixture.put('hub-f-3', SHARD_0);
    const after = fixture.hub();
    const again = await viewer(after, { ...live, lastEventId });
    await fixture.put('hub-f-4', SHARD_1);
    await waitForEvents(again, (n) => n >= 3, 'missed and new records');
    expect(orderIds(again.events).sort()).toEqual(['hub-f-2', 'hub-f-3', 'hub-f-4']);
    again.close();
  });

  it('resumes a viewer that saw no record from the time it joined (its tail marker), missing nothing', async () => {
    await fixture.put('hub-g-0', SHARD_0);
    // Older than the resume margin: the viewer joined after it, so it must not come back.
    await new Promise((r) => setTimeout(r, TAIL_RESUME_MARGIN_MS + 200));
    const marker = tailMarker(Date.now());
    const before = fixture.hub();
    const quiet = await viewer(before);
    quiet.close();
    before.stop();
    // Written while no server serves the viewer (a drain, a deploy).
    await fixture.put('hub-g-1', SHARD_0);
    await fixture.put('hub-g-2', SHARD_1);
    const after = fixture.hub();
    const again = await viewer(after, { ...live, lastEventId: marker });
    await fixture.put('hub-g-3', SHARD_1);
    await waitForEvents(again, (n) => n >= 3, 'records since it joined');
    expect(orderIds(again.events).sort()).toEqual(['hub-g-1', 'hub-g-2', 'hub-g-3']);
    again.close();
  });
});
