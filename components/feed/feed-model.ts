import type { FeedEvent } from '@/lib/feed/decode';

export type { FeedEvent };
export type EventName = NonNullable<FeedEvent['eventName']>;
export const EVENT_NAMES: EventName[] = ['INSERT', 'MODIFY', 'REMOVE'];

/** The most records the page keeps (shown + waiting while paused); older ones fall off the end. */
export const MAX_BUFFER = 5_000;

/** One received record plus what the page derives once, on arrival, instead of on every render. */
export type FeedItem = {
  event: FeedEvent;
  /** Browser clock when the record arrived; drives the throughput sparklines. */
  receivedAt: number;
  orderId: string | null;
  /** Lower-cased payload for the free-text filter. */
  text: string;
};

export function toFeedItem(event: FeedEvent, receivedAt: number): FeedItem {
  const id = event.keys?.order_id ?? event.newImage?.order_id ?? event.oldImage?.order_id;
  return {
    event,
    receivedAt,
    orderId: typeof id === 'string' ? id : null,
    text: JSON.stringify([event.partitionKey, event.oldImage, event.newImage, event.raw ?? '']).toLowerCase(),
  };
}

/**
 * What the list holds. `shown` is newest first. While paused, arrivals wait in `pending` (also
 * newest first) so resuming shows everything that came in, in order, without a refetch.
 */
export type FeedBuffer = {
  shown: FeedItem[];
  pending: FeedItem[];
  paused: boolean;
  /** Records dropped because the buffer was full, since the stream was (re)started. */
  dropped: number;
  /** Ids held, so a replay after a reconnect does not show a record twice. */
  ids: Set<string>;
};

export const emptyBuffer = (paused = false): FeedBuffer => ({
  shown: [],
  pending: [],
  paused,
  dropped: 0,
  ids: new Set(),
});

/** Keeps the newest `max` of shown + pending; everything pending is newer than everything shown. */
function bound(buffer: FeedBuffer, max: number): FeedBuffer {
  const over = buffer.shown.length + buffer.pending.length - max;
  if (over <= 0) return buffer;
  const ids = new Set(buffer.ids);
  let { shown, pending } = buffer;
  // The oldest records are at the end of `shown`, then at the end of `pending`.
  const fromShown = Math.min(over, shown.length);
  for (const item of shown.slice(shown.length - fromShown)) ids.delete(item.event.id);
  shown = shown.slice(0, shown.length - fromShown);
  const fromPending = over - fromShown;
  if (fromPending > 0) {
    for (const item of pending.slice(pending.length - fromPending)) ids.delete(item.event.id);
    pending = pending.slice(0, pending.length - fromPending);
  }
  return { ...buffer, shown, pending, ids, dropped: buffer.dropped + over };
}

/** Kinesis arrival time, else when this tab got it: what "newest" means in the list. */
const arrivalKey = (item: FeedItem) => item.event.arrivalTime ?? new Date(item.receivedAt).toISOString();

/** When the order was written: its own ms `updated_at`, else the stream's coarse change time. */
function writeKey(item: FeedItem): string {
  const updated = item.event.newImage?.updated_at;
  return typeof updated === 'string' ? updated : (item.event.changeTime ?? '');
}

/** Sequence numbers are decimal strings of varying length: longer is later. */
const compareSequence = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts newest first: by arrival in Kinesis; records of one PutRecords batch share the
 * millisecond, so then by write time, then by sequence number, which orders only within a shard.
 */
export function compareNewestFirst(a: FeedItem, b: FeedItem): number {
  const [ta, tb] = [arrivalKey(a), arrivalKey(b)];
  if (ta !== tb) return ta < tb ? 1 : -1;
  const [wa, wb] = [writeKey(a), writeKey(b)];
  if (wa !== wb) return wa < wb ? 1 : -1;
  if (a.event.shardId !== b.event.shardId) return 0;
  return compareSequence(b.event.sequenceNumber, a.event.sequenceNumber);
}

/** Merges two newest-first lists. A live tail only ever prepends; a replay interleaves shards. */
function mergeNewestFirst(a: FeedItem[], b: FeedItem[]): FeedItem[] {
  if (!a.length) return b;
  if (!b.length) return a;
  if (compareNewestFirst(a[a.length - 1]!, b[0]!) <= 0) return [...a, ...b];
  const out: FeedItem[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareNewestFirst(a[i]!, b[j]!) <= 0 ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/**
 * Adds arrivals; duplicates by id are ignored. The list stays newest first by Kinesis arrival,
 * so a replay from Trim horizon interleaves its shards instead of showing one shard after another.
 */
export function receiveItems(buffer: FeedBuffer, arrivals: FeedItem[], max = MAX_BUFFER): FeedBuffer {
  const ids = new Set(buffer.ids);
  const fresh: FeedItem[] = [];
  for (const item of arrivals) {
    if (ids.has(item.event.id)) continue;
    ids.add(item.event.id);
    fresh.push(item);
  }
  if (!fresh.length) return buffer;
  const newestFirst = fresh.sort(compareNewestFirst);
  const next = buffer.paused
    ? { ...buffer, ids, pending: mergeNewestFirst(newestFirst, buffer.pending) }
    : { ...buffer, ids, shown: mergeNewestFirst(newestFirst, buffer.shown) };
  return bound(next, max);
}

export function pauseBuffer(buffer: FeedBuffer): FeedBuffer {
  return buffer.paused ? buffer : { ...buffer, paused: true };
}

/** Resuming puts everything that arrived while paused into the list, newest first. */
export function resumeBuffer(buffer: FeedBuffer): FeedBuffer {
  if (!buffer.paused) return buffer;
  return { ...buffer, paused: false, shown: mergeNewestFirst(buffer.pending, buffer.shown), pending: [] };
}

/**
 * Change → Kinesis latency to show. The stream's change time is rounded down (to the second on
 * AWS, to the minute on DynamoDB Local), so its figure is only an upper bound; the order's own
 * `updated_at`, stamped in ms by the writer, is exact and used when it is consistent with it.
 * A REMOVE has no new image and keeps the bound.
 */
export function displayLatency(event: FeedEvent): { ms: number; upperBound: boolean } | null {
  const updated = event.newImage?.updated_at;
  const arrival = event.arrivalTime ? Date.parse(event.arrivalTime) : NaN;
  if (typeof updated === 'string' && Number.isFinite(arrival)) {
    const ms = arrival - Date.parse(updated);
    const change = event.changeTime ? Date.parse(event.changeTime) : NaN;
    // updated_at must not be before the (rounded-down) change time, nor after the arrival.
    if (ms >= 0 && !(Date.parse(updated) < change)) return { ms, upperBound: false };
  }
  return event.latencyMs === null ? null : { ms: event.latencyMs, upperBound: true };
}

export type FeedFilters = {
  /** Event types to show; empty shows all. */
  events: EventName[];
  orderId: string;
  shard: string;
  text: string;
};

export const noFilters: FeedFilters = { events: [], orderId: '', shard: '', text: '' };

export const hasFilters = (f: FeedFilters) =>
  f.events.length > 0 || f.orderId.trim() !== '' || f.shard !== '' || f.text.trim() !== '';

export function matchesFilters(item: FeedItem, filters: FeedFilters): boolean {
  const { event } = item;
  // A record we could not read has no event type; it only hides behind an explicit type filter.
  if (filters.events.length && !(event.eventName && filters.events.includes(event.eventName))) return false;
  if (filters.shard && event.shardId !== filters.shard) return false;
  const orderId = filters.orderId.trim().toUpperCase();
  if (orderId && !(item.orderId ?? event.partitionKey).toUpperCase().includes(orderId)) return false;
  const text = filters.text.trim().toLowerCase();
  if (text && !item.text.includes(text)) return false;
  return true;
}

export function filterItems(items: FeedItem[], filters: FeedFilters): FeedItem[] {
  return hasFilters(filters) ? items.filter((item) => matchesFilters(item, filters)) : items;
}

/** Fields every write touches; listed last so the row's summary leads with what the user changed. */
const NOISE = new Set(['version', 'updated_at', 'updated_by', 'search_text', 'entity']);

/** True for a field the store rewrites on every save (version, updated_at …), not one a user edited. */
export const isBookkeeping = (path: string) => NOISE.has(path.split(/[.[]/)[0]!);

/**
 * Who made the change: the `updated_by` the orders service stamps from the verified caller. A
 * REMOVE carries it in its old image (the delete stamps it first); older records have none.
 */
export function changedBy(event: FeedEvent): string | null {
  const by = (event.newImage ?? event.oldImage)?.updated_by;
  return typeof by === 'string' && by !== '' ? by : null;
}

/** The diff entries worth showing first in a row: real edits before bookkeeping fields. */
export function rankedChanges(event: FeedEvent): FeedEvent['diff'] {
  return [...event.diff].sort((a, b) => Number(isBookkeeping(a.path)) - Number(isBookkeeping(b.path)));
}
