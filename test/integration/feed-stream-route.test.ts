import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getStats } from '@/app/api/feed/stats/route';
import { GET } from '@/app/api/feed/stream/route';
import { setFeedHub } from '@/lib/feed/default-hub';
import { FeedHub } from '@/lib/feed/hub';
import { kinesisSource } from '@/lib/feed/source';
import { openFeedStream } from '@/lib/feed/sse';
import { createKinesisClient } from '@/local/kinesis';
import { BASE_URL, getRequest } from '../support/api';
import { setupFeedStream, SHARD_0, SHARD_1 } from '../support/feed';
import { waitFor } from '../support/wait';
import { sseReader } from '../support/sse';
import { authHeaders } from '@/test/support/auth';

const fixture = setupFeedStream('route');
let hub: FeedHub;

beforeAll(() => {
  hub = fixture.hub();
  setFeedHub(hub);
});
afterAll(() => setFeedHub(undefined));

function open(query = '', headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const request = new Request(`${BASE_URL}/api/feed/stream${query}`, { headers: { ...authHeaders('engineer'), ...headers }, signal: abort.signal });
  return { abort, response: GET(request) };
}

type Data = {
  id: string;
  shardId: string;
  sequenceNumber: string;
  eventName: string;
  keys: { order_id: string };
};

describe('GET /api/feed/stream (SSE)', () => {
  it('streams one JSON event per record with its id, and unsubscribes when the client goes away', async () => {
    const { abort, response: pending } = open('?shard=all&position=LATEST');
    const response = await pending;
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    const sse = sseReader(response.body!);
    const puts = [
      await fixture.put('route-1', SHARD_0),
      await fixture.put('route-2', SHARD_1),
      await fixture.put('route-3', SHARD_0),
    ];
    await sse.until(() => sse.events().length >= 3, 10_000, 'three events');

    expect(sse.frames[0]).toMatchObject({ retry: expect.stringMatching(/^\d+$/) });
    const events = sse.events<Data>();
    expect(events.map((e) => e.data.keys.order_id).sort()).toEqual(['route-1', 'route-2', 'route-3']);
    for (const event of events) {
      const put = puts.find((p) => p.sequenceNumber === event.data.sequenceNumber)!;
      expect(event.id).toBe(`${put.shardId}:${put.sequenceNumber}`);
      expect(event.data).toMatchObject({ id: event.id, shardId: put.shardId, eventName: 'INSERT' });
    }
    const stats = await (await getStats(getRequest('/api/feed/stats', 'engineer'))).json();
    expect(stats).toMatchObject({ subscribers: 1, pollers: [{ subscribers: 1 }, { subscribers: 1 }] });
    expect(Object.values(stats.callsPerSecond as Record<string, number>).every((n) => n <= 5)).toBe(true);
    abort.abort();
    await waitFor(
      () => hub.stats().subscribers,
      (n) => n === 0,
      5_000,
      'subscription closed',
    );
    await sse.closed;
  });

  it('resumes from the Last-Event-ID header, and from the lastEventId parameter', async () => {
    const first = open(`?shard=${SHARD_0}`);
    const sse = sseReader((await first.response).body!);
    await fixture.put('route-r-1', SHARD_0);
    await sse.until(() => sse.events().length === 1, 10_000, 'first event');
    first.abort.abort();
    await fixture.put('route-r-2', SHARD_0);
    await fixture.put('route-r-3', SHARD_0);
    const lastId = sse.events()[0]!.id!;

    for (const resumed of [
      open(`?shard=${SHARD_0}`, { 'last-event-id': lastId }),
      open(`?shard=${SHARD_0}&lastEventId=${encodeURIComponent(lastId)}`),
    ]) {
      const again = sseReader((await resumed.response).body!);
      await again.until(() => again.events().length >= 2, 10_000, 'missed events');
      expect(again.events<Data>().map((e) => e.data.keys.order_id)).toEqual(['route-r-2', 'route-r-3']);
      resumed.abort.abort();
    }
  });

  it('answers bad parameters with 400 and the field at fault', async () => {
    const cases: [string, string][] = [
      ['?position=EARLIEST', 'position'],
      ['?shard=shardId-000000000042', 'shard'],
      ['?position=AT_TIMESTAMP&timestamp=2999-01-01T00:00:00Z', 'timestamp'],
      ['?position=AT_TIMESTAMP&timestamp=noon', 'timestamp'],
      [`?shard=${SHARD_0}&position=AT_SEQUENCE_NUMBER`, 'sequence'],
      // Well-formed but not a sequence number of this shard: Kinesis refuses it.
      [`?shard=${SHARD_0}&position=AT_SEQUENCE_NUMBER&sequence=1`, 'position'],
      ['', 'lastEventId'],
    ];
    for (const [query, path] of cases) {
      const response = await open(query, path === 'lastEventId' ? { 'last-event-id': 'garbage' } : {})
        .response;
      expect(response.status, query).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'validation', issues: [{ path }] });
    }
    expect(hub.stats().subscribers).toBe(0);
  });

  it('answers 503 before streaming when Kinesis is unreachable', async () => {
    const dead = createKinesisClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    setFeedHub(new FeedHub({ source: kinesisSource(dead, 'nowhere'), log: () => undefined }));
    try {
      const response = await open().response;
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: 'unavailable' });
    } finally {
      dead.destroy();
      setFeedHub(hub);
    }
  });

  it('sends heartbeat comments while idle', async () => {
    const abort = new AbortController();
    const body = await openFeedStream(hub, { shard: SHARD_1, position: { type: 'LATEST' } }, abort.signal, {
      heartbeatMs: 50,
    });
    const sse = sseReader(body);
    await sse.until(() => sse.frames.some((f) => f.comments.includes('ping')), 5_000, 'a ping');
    abort.abort();
    await sse.closed;
  });
});
