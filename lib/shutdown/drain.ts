import type { RequestTracker } from './requests';
import { beginDrain } from './state';

/**
 * ECS stops a task by deregistering it from the ALB, waiting out the deregistration delay, then
 * sending SIGTERM and, stopTimeout (30 s) later, SIGKILL. This stays well inside that.
 */
export const DRAIN_DEADLINE_MS = 10_000;

export type DrainOptions = {
  /** Stop accepting connections (http.Server#close). */
  stopAccepting: () => void;
  /** Close keep-alive sockets with no request on them; Node does not do this after close(). */
  closeIdleConnections: () => void;
  /** Stop the feed hub's Kinesis readers. */
  stopFeed: () => void;
  requests: RequestTracker;
  deadlineMs?: number;
};

export type DrainResult = {
  /** `drained`: every request finished; `timed-out`: some were still running at the deadline. */
  outcome: 'drained' | 'timed-out';
  streamsEnded: number;
  /** Requests still in flight when it gave up (0 when drained). */
  cutOff: number;
};

/**
 * Graceful shutdown: no new connections; every open SSE stream gets its final frame (a short
 * `retry:` and `event: shutdown`) and ends, so browsers reconnect elsewhere with Last-Event-ID;
 * the feed's Kinesis readers stop; requests in flight are answered, up to the deadline.
 */
export async function drain(options: DrainOptions): Promise<DrainResult> {
  const { requests } = options;
  const streams = beginDrain();
  options.stopAccepting();
  for (const stream of streams) stream.end();
  options.stopFeed();
  // Each answered request leaves a keep-alive socket behind; close it so the client reconnects elsewhere.
  options.closeIdleConnections();
  const stopClosing = requests.onEnd(() => setImmediate(options.closeIdleConnections));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<'timed-out'>((resolve) => {
    timer = setTimeout(() => resolve('timed-out'), options.deadlineMs ?? DRAIN_DEADLINE_MS);
  });
  try {
    const outcome = await Promise.race([requests.whenIdle().then(() => 'drained' as const), deadline]);
    return { outcome, streamsEnded: streams.length, cutOff: outcome === 'drained' ? 0 : requests.inFlight };
  } finally {
    clearTimeout(timer);
    stopClosing();
  }
}
