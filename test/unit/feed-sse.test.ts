import { describe, expect, it } from 'vitest';
import { decodeRecord } from '@/lib/feed/decode';
import type { FeedHub } from '@/lib/feed/hub';
import { eventFrame, MAX_QUEUED_FRAMES, openFeedStream } from '@/lib/feed/sse';

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
});
