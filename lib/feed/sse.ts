import { isDraining, trackStream } from '@/lib/shutdown/state';
import { tailMarker, type FeedEvent } from './decode';
import type { FeedHub } from './hub';
import type { FeedQuery } from './position';

export const HEARTBEAT_MS = 15_000;
export const RETRY_MS = 2_000;
/** Frames a slow client may fall behind by before it is dropped: the hub must not buffer without bound. */
export const MAX_QUEUED_FRAMES = 5_000;

const encoder = new TextEncoder();

export function eventFrame(event: FeedEvent): string {
  return `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
}

/** Named, so the page's onmessage never takes it for a record; its id is what matters. */
export const joinedFrame = (atMs: number) =>
  `id: ${tailMarker(atMs)}\nevent: joined\ndata: ${JSON.stringify({ joinedAt: new Date(atMs).toISOString() })}\n\n`;

const droppedFrame = (reason: string) => `event: dropped\ndata: ${JSON.stringify({ reason })}\n\n`;

/**
 * The last frame of a stream when the server shuts down. The browser's EventSource reconnects
 * `retry` ms after the stream ends, with Last-Event-ID, and the ALB sends it to another task.
 * The delay is spread over [250, 1000) ms so a task's viewers do not all arrive at once. No `id:`
 * here: an empty one would reset the browser's Last-Event-ID.
 */
export function shutdownFrame(retryMs = 250 + Math.floor(Math.random() * 750)): string {
  const data = { reason: 'the server is shutting down: reconnect with Last-Event-ID', retryMs };
  return `retry: ${retryMs}\nevent: shutdown\ndata: ${JSON.stringify(data)}\n\n`;
}

/** A stream opened while the server drains: straight to the final frame, nothing subscribed. */
function goodbyeStream(): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start: (c) => {
      c.enqueue(encoder.encode(shutdownFrame()));
      c.close();
    },
  });
}

/**
 * Subscribes first, so a bad position or an unreachable Kinesis fails before any byte is sent
 * (the route can still answer 400/503), then returns the SSE body. Events that arrive while
 * subscribing are queued by the stream itself.
 */
export async function openFeedStream(
  hub: FeedHub,
  query: FeedQuery,
  signal: AbortSignal,
  options: { heartbeatMs?: number; present?: (event: FeedEvent) => FeedEvent } = {},
): Promise<ReadableStream<Uint8Array>> {
  if (isDraining()) return goodbyeStream();
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let done = false;
  const timers: { heartbeat?: ReturnType<typeof setInterval> } = {};
  let close: () => void = () => undefined;
  let untrack: () => void = () => undefined;
  /** Ends the stream, after `last` (a final frame) if given. */
  const finish = (last?: string) => {
    if (done) return;
    done = true;
    clearInterval(timers.heartbeat);
    untrack();
    close();
    try {
      if (last) controller.enqueue(encoder.encode(last));
      controller.close();
    } catch {
      // Already closed or errored by the consumer going away.
    }
  };
  const send = (text: string) => {
    if (done) return;
    // desiredSize goes negative as unread frames pile up (highWaterMark 1 frame).
    if ((controller.desiredSize ?? 0) < -MAX_QUEUED_FRAMES)
      return finish(droppedFrame('client too slow: reconnect with Last-Event-ID'));
    controller.enqueue(encoder.encode(text));
  };
  const body = new ReadableStream<Uint8Array>(
    {
      start: (c) => {
        controller = c;
      },
      cancel: () => finish(),
    },
    { highWaterMark: 1 },
  );
  // Tracked from the start, so a drain that begins while it subscribes still ends it.
  untrack = trackStream({ end: () => finish(shutdownFrame()) });
  send(`retry: ${RETRY_MS}\n: connected\n\n`);
  // A fresh live viewer gets the time it joined as its Last-Event-ID (see tailMarker), taken
  // before it subscribes; one that resumes keeps the id it sent, which this would overwrite.
  if (query.position.type === 'LATEST' && !query.lastEventId) send(joinedFrame(Date.now()));
  // The hub's events are shared by every viewer; each connection shapes its own copy (masking).
  const present = options.present ?? ((event: FeedEvent) => event);
  const subscription = await hub
    .subscribe(query, (event) => send(eventFrame(present(event))))
    .catch((error: unknown) => {
      finish();
      throw error;
    });
  close = subscription.close;
  // Dropped or aborted while subscribing: finish() ran before there was anything to close.
  if (done) close();
  if (signal.aborted) finish();
  signal.addEventListener('abort', () => finish(), { once: true });
  if (!done) timers.heartbeat = setInterval(() => send(': ping\n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
  return body;
}
