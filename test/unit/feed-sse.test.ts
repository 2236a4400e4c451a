import { afterEach, describe, expect, it } from 'vitest';
import { decodeRecord, parseTailMarker } from '@/lib/feed/decode';
import type { FeedHub } from '@/lib/feed/hub';
import { eventFrame, MAX_QUEUED_FRAMES, openFeedStream, shutdownFrame } from '@/lib/feed/sse';
import { beginDrain, resetDrainState } from '@/lib/shutdown/state';
import { sseReader } from '@/test/support/sse';

afterEach(() => resetDrainState());

const event = (i: number) =>
  decodeRecord('shardId-000000000000', { SequenceNumber: String(i), Data: Buffer.from('x') });

/** A hub stand-in that delivers `count` events as soon as someone subscribes. */
function burstHub(count: number) {
  const state = { closed: false };
  const hub = {
    async subscribe(_query: unknown, deliver: (e: ReturnType<typeof event>) => void) {
      for (let i = 1; i <= count; i++) deliver(event(i));
      return { close: () => (state.closed = true) };
    },
  } as unknown as FeedHub;
  return { hub, state };
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of body) text += decoder.decode(chunk, { stream: true });
  return text;
}

describe('openFeedStream', () => {
  it('frames each event with its id and one JSON data line', () => {
    const e = event(7);
    expect(eventFrame(e)).toBe(`id: shardId-000000000000:7\ndata: ${JSON.stringify(e)}\n\n`);
  });

  it('drops a client that falls too far behind, with a reason, and unsubscribes it', async () => {
    const { hub, state } = burstHub(MAX_QUEUED_FRAMES + 100);
    const abort = new AbortController();
    const body = await openFeedStream(hub, { shard: 'all', position: { type: 'LATEST' } }, abort.signal);
    const text = await readAll(body);
    expect(state.closed).toBe(true);
    expect(
      text.endsWith('event: dropped\ndata: {"reason":"client too slow: reconnect with Last-Event-ID"}\n\n'),
    ).toBe(true);
    expect(text.match(/^id: /gm)!.length).toBeLessThan(MAX_QUEUED_FRAMES + 100);
  });

  it('unsubscribes when the request is aborted', async () => {
    const { hub, state } = burstHub(1);
    const abort = new AbortController();
    const body = await openFeedStream(hub, { shard: 'all', position: { type: 'LATEST' } }, abort.signal);
    abort.abort();
    expect(state.closed).toBe(true);
    expect(await readAll(body)).toMatch(/^retry: \d+\n: connected\n\nid: /);
  });

  it('ends with a retry hint and a shutdown event when the server drains, and unsubscribes', async () => {
    const { hub, state } = burstHub(2);
    const body = await openFeedStream(
      hub,
      { shard: 'all', position: { type: 'LATEST' } },
      new AbortController().signal,
    );
    const sse = sseReader(body);
    await sse.until(() => sse.events().length === 2);
    for (const stream of beginDrain()) stream.end();
    await sse.closed;
    expect(state.closed).toBe(true);
    const last = sse.frames.at(-1)!;
    expect(last).toMatchObject({ event: 'shutdown', retry: expect.stringMatching(/^\d+$/) });
    expect(last.id).toBeUndefined();
    expect(JSON.parse(last.data!)).toEqual({
      reason: expect.stringContaining('Last-Event-ID'),
      retryMs: Number(last.retry),
    });
  });

  it('answers a stream opened while draining with only the final frame, subscribing to nothing', async () => {
    let subscribed = false;
    const hub = {
      subscribe: async () => ((subscribed = true), { close: () => undefined }),
    } as unknown as FeedHub;
    beginDrain();
    const text = await readAll(
      await openFeedStream(hub, { shard: 'all', position: { type: 'LATEST' } }, new AbortController().signal),
    );
    expect(subscribed).toBe(false);
    expect(text).toMatch(/^retry: \d+\nevent: shutdown\ndata: \{.*\}\n\n$/);
  });

  it('forgets a stream whose subscription failed', async () => {
    const hub = { subscribe: async () => Promise.reject(new Error('no stream')) } as unknown as FeedHub;
    await expect(
      openFeedStream(hub, { shard: 'all', position: { type: 'LATEST' } }, new AbortController().signal),
    ).rejects.toThrow('no stream');
    expect(beginDrain()).toEqual([]);
  });

  it('spreads the shutdown retry hint below a second', () => {
    expect(shutdownFrame(400)).toBe(
      'retry: 400\nevent: shutdown\ndata: {"reason":"the server is shutting down: reconnect with Last-Event-ID","retryMs":400}\n\n',
    );
    for (let i = 0; i < 50; i++) {
      const retry = Number(/^retry: (\d+)/.exec(shutdownFrame())![1]);
      expect(retry).toBeGreaterThanOrEqual(250);
      expect(retry).toBeLessThan(1_000);
    }
  });
});

describe('where a live viewer that has seen no record resumes', () => {
  it('gets the time it joined as its Last-Event-ID, in a named frame the page does not take for a record', async () => {
    const { hub } = burstHub(0);
    const before = Date.now();
    const body = await openFeedStream(
      hub,
      { shard: 'all', position: { type: 'LATEST' } },
      new AbortController().signal,
    );
    const sse = sseReader(body);
    await sse.until(() => sse.frames.some((f) => f.event === 'joined'));
    const joined = sse.frames.find((f) => f.event === 'joined')!;
    const at = parseTailMarker(joined.id!);
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(JSON.parse(joined.data!)).toEqual({ joinedAt: new Date(at!).toISOString() });
  });

  it('keeps the Last-Event-ID a resuming viewer sent, and gives none to a reader from a fixed position', async () => {
    for (const query of [
      { shard: 'all', position: { type: 'LATEST' }, lastEventId: 'shardId-000000000000:49' },
      { shard: 'all', position: { type: 'TRIM_HORIZON' } },
    ] as const) {
      const abort = new AbortController();
      const body = await openFeedStream(burstHub(0).hub, query, abort.signal);
      abort.abort();
      expect(await readAll(body)).not.toMatch(/event: joined/);
    }
  });

  it('reads a marker back only in its own shape', () => {
    expect(parseTailMarker('at:1765100000000')).toBe(1765100000000);
    for (const id of ['at:12', 'at:1765100000000x', 'shardId-000000000000:49', 'at:'])
      expect(parseTailMarker(id)).toBeUndefined();
  });
});
