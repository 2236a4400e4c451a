import { afterEach, describe, expect, it, vi } from 'vitest';
import { drain } from '@/lib/shutdown/drain';
import { RequestTracker } from '@/lib/shutdown/requests';
import { beginDrain, isDraining, resetDrainState, trackStream } from '@/lib/shutdown/state';

afterEach(() => {
  resetDrainState();
  vi.useRealTimers();
});

/** A server stand-in that records what the drain asked of it, in order. */
function fakeServer() {
  const calls: string[] = [];
  return {
    calls,
    options: (requests: RequestTracker) => ({
      stopAccepting: () => calls.push('stop accepting'),
      closeIdleConnections: () => calls.push('close idle'),
      stopFeed: () => calls.push('stop feed'),
      requests,
    }),
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('RequestTracker', () => {
  it('counts requests, ends each once, and resolves whenIdle when the last one ends', async () => {
    const tracker = new RequestTracker();
    await tracker.whenIdle();
    const a = tracker.begin();
    const b = tracker.begin();
    let idle = false;
    void tracker.whenIdle().then(() => (idle = true));
    a();
    a();
    expect(tracker.inFlight).toBe(1);
    await settle();
    expect(idle).toBe(false);
    b();
    await settle();
    expect(idle).toBe(true);
    expect(tracker.inFlight).toBe(0);
  });
});

describe('drain', () => {
  it('stops accepting, ends every open stream, stops the feed, then waits for requests in flight', async () => {
    const requests = new RequestTracker();
    const server = fakeServer();
    const ended: string[] = [];
    trackStream({ end: () => (server.calls.push('end stream a'), ended.push('a')) });
    const untrackB = trackStream({ end: () => ended.push('b') });
    untrackB();
    trackStream({ end: () => (server.calls.push('end stream c'), ended.push('c')) });
    const finish = [requests.begin(), requests.begin()];

    let result: Awaited<ReturnType<typeof drain>> | undefined;
    void drain(server.options(requests)).then((r) => (result = r));
    expect(isDraining()).toBe(true);
    expect(ended).toEqual(['a', 'c']);
    expect(server.calls).toEqual([
      'stop accepting',
      'end stream a',
      'end stream c',
      'stop feed',
      'close idle',
    ]);

    finish[0]!();
    await settle();
    expect(result).toBeUndefined();
    // Each answered request frees a keep-alive socket, which is closed so its client moves on.
    expect(server.calls.filter((c) => c === 'close idle')).toHaveLength(2);
    finish[1]!();
    await settle();
    expect(result).toEqual({ outcome: 'drained', streamsEnded: 2, cutOff: 0 });
  });

  it('is done at once when nothing is open', async () => {
    const server = fakeServer();
    expect(await drain(server.options(new RequestTracker()))).toEqual({
      outcome: 'drained',
      streamsEnded: 0,
      cutOff: 0,
    });
  });

  it('gives up at the deadline and says how many requests were cut off', async () => {
    vi.useFakeTimers();
    const requests = new RequestTracker();
    requests.begin();
    const pending = drain({ ...fakeServer().options(requests), deadlineMs: 10_000 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await pending).toEqual({ outcome: 'timed-out', streamsEnded: 0, cutOff: 1 });
  });

  it('hands each stream over once, and later ones see the drain has begun', () => {
    const ends: number[] = [];
    trackStream({ end: () => ends.push(1) });
    expect(beginDrain()).toHaveLength(1);
    expect(beginDrain()).toHaveLength(0);
    expect(isDraining()).toBe(true);
  });
});
