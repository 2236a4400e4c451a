'use client';

import { useEffect, useRef, useState } from 'react';
import { toFeedItem, type FeedEvent, type FeedItem } from './feed-model';
import { describeStreamError, reconnectDelayMs, streamUrl, type StartPosition } from './stream-url';

export type ConnectionState =
  | { status: 'connecting' }
  /** `resumed`: this view was live before and reconnected, from the last record it had. */
  | { status: 'live'; since: number; resumed: boolean }
  | { status: 'reconnecting'; reason: string }
  | { status: 'error'; reason: string };

/** Arrivals within this long of the first are handed to React together: a burst costs a few renders. */
const FLUSH_MS = 16;

/**
 * Why the EventSource failed. EventSource hides the status and body of a refused request, so the
 * same URL is fetched once and cancelled as soon as the headers say what happened.
 */
async function diagnose(url: string): Promise<{ fatal: boolean; reason: string }> {
  const abort = new AbortController();
  try {
    const response = await fetch(url, { signal: abort.signal, cache: 'no-store' });
    if (response.ok) return { fatal: false, reason: 'The connection dropped; reconnecting' };
    const body: unknown = await response.json().catch(() => null);
    return { fatal: response.status === 400, reason: describeStreamError(response.status, body) };
  } catch {
    return { fatal: false, reason: 'The server cannot be reached; retrying' };
  } finally {
    abort.abort();
  }
}

/**
 * Keeps one EventSource open on the feed for `position` and reports its state. The browser
 * reconnects by itself with Last-Event-ID; when it gives up (a non-200 answer) this hook finds out
 * why, stops on a 400 (the position is wrong) and otherwise reopens from the last record seen.
 */
export function useFeedStream(position: StartPosition, onItems: (items: FeedItem[]) => void) {
  const [retryKey, setRetryKey] = useState(0);
  // State is tagged with its session, so a new position reads as "connecting" without a reset in the effect.
  const [reported, setReported] = useState<{ session: string; state: ConnectionState } | undefined>();
  const onItemsRef = useRef(onItems);
  useEffect(() => {
    onItemsRef.current = onItems;
  });
  const key = JSON.stringify(position);

  const session = `${retryKey}:${key}`;

  useEffect(() => {
    const start: StartPosition = JSON.parse(key);
    const setConnection = (state: ConnectionState) => setReported({ session: `${retryKey}:${key}`, state });
    let source: EventSource | undefined;
    let lastEventId: string | undefined;
    let attempt = 0;
    let wasLive = false;
    // Set by the server's final frame when it shuts down; explains the reconnect that follows.
    let closing: string | undefined;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const queue: FeedItem[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      flushTimer = undefined;
      if (queue.length) onItemsRef.current(queue.splice(0));
    };

    const open = () => {
      if (stopped) return;
      const url = streamUrl(start, lastEventId);
      const es = new EventSource(url);
      source = es;
      es.onopen = () => {
        attempt = 0;
        closing = undefined;
        setConnection({ status: 'live', since: Date.now(), resumed: wasLive });
        wasLive = true;
      };
      es.onmessage = (message) => {
        try {
          queue.push(toFeedItem(JSON.parse(message.data) as FeedEvent, Date.now()));
          if (message.lastEventId) lastEventId = message.lastEventId;
          flushTimer ??= setTimeout(flush, FLUSH_MS);
        } catch {
          // The server only sends JSON; a torn frame is skipped rather than breaking the page.
        }
      };
      // The time this view joined the tail: where a reopen resumes until a record gives an id.
      es.addEventListener('joined', (message) => {
        lastEventId ??= (message as MessageEvent).lastEventId || undefined;
      });
      es.addEventListener('dropped', (message) => {
        const reason = (() => {
          try {
            return String(JSON.parse((message as MessageEvent).data).reason);
          } catch {
            return 'the server closed the stream';
          }
        })();
        setConnection({ status: 'reconnecting', reason: `Dropped by the server (${reason})` });
      });
      // A deploy or scale-in: the stream ends next and the browser reconnects after the `retry:` it sent.
      es.addEventListener('shutdown', () => {
        closing = 'The server is restarting; reconnecting and resuming from the last record';
        setConnection({ status: 'reconnecting', reason: closing });
      });
      es.onerror = () => {
        if (stopped || source !== es) return;
        if (es.readyState === EventSource.CONNECTING) {
          setConnection({
            status: 'reconnecting',
            reason: closing ?? 'Connection lost; resuming from the last record',
          });
          return;
        }
        es.close();
        void diagnose(url).then(({ fatal, reason }) => {
          if (stopped || source !== es) return;
          if (fatal) {
            setConnection({ status: 'error', reason });
            return;
          }
          setConnection({ status: 'reconnecting', reason });
          retryTimer = setTimeout(open, reconnectDelayMs(attempt++));
        });
      };
    };

    open();
    return () => {
      stopped = true;
      clearTimeout(flushTimer);
      clearTimeout(retryTimer);
      // Records still queued belong to the old position and are dropped with it.
      source?.close();
    };
  }, [key, retryKey]);

  const connection: ConnectionState =
    reported?.session === session ? reported.state : { status: 'connecting' };
  return { connection, retry: () => setRetryKey((n) => n + 1) };
}
