import { ValidationError } from '@/lib/orders/errors';
import { parseEventId, parseTailMarker, type FeedEvent } from './decode';
import { CallGate } from './gate';
import type { FeedQuery } from './position';
import type { ReadBudget } from './read-budget';
import { ShardReader } from './reader';
import { errorName, type FeedSource, type IteratorStart, type ShardInfo } from './source';
import { ServiceUnavailable } from '@/lib/service-unavailable';

/** Kinesis could not be reached (or the stream is missing); the message is safe to show. */
export class FeedUnavailable extends ServiceUnavailable {
  constructor(options?: { cause?: unknown }) {
    super('feed', 'The change stream (Kinesis) is unreachable right now. Try again in a moment.', options);
    this.name = 'FeedUnavailable';
  }
}

export type HubOptions = {
  source: FeedSource;
  /** Minimum gap between GetRecords calls on one shard, process-wide: 210 ms keeps under Kinesis's 5/s. */
  minIntervalMs?: number;
  /**
   * The shard budget every process draws from (read-budget.ts). Without one, only this process's
   * gate limits the calls, which holds for one process and no more.
   */
  readBudget?: ReadBudget;
  /** How long a poller outlives its last subscriber, so a quick reconnect finds its buffer. */
  graceMs?: number;
  /**
   * Extra pause after an empty page. 0 keeps latency lowest; on AWS, where Firehose shares the
   * shard's 5 GetRecords/s, ~800 ms leaves it most of the budget.
   */
  idlePollMs?: number;
  /** Recent events kept per shard for Last-Event-ID replay. */
  bufferSize?: number;
  log?: (message: string) => void;
};

export type FeedSubscription = { close: () => void };

export type HubStats = {
  subscribers: number;
  pollers: { shardId: string; subscribers: number; buffered: number; ended: boolean }[];
  privateReaders: number;
  callsPerSecond: Record<string, number>;
  totalCalls: Record<string, number>;
  /** Whose limit the calls keep: this process's only, the shared table's, or the fallback rate. */
  readBudget: 'process' | 'shared' | 'fallback';
};

type Buffered = { n: number; event: FeedEvent };

type Subscriber = {
  deliver: (event: FeedEvent) => void;
  follow: 'all' | string;
  live: Set<Poller>;
  readers: Set<ShardReader>;
  closed: boolean;
};

type Poller = {
  shardId: string;
  reader: ShardReader;
  subscribers: Set<Subscriber>;
  buffer: Buffered[];
  /** Hub counter when the poller began: events before it were never buffered here. */
  createdN: number;
  /** Highest counter dropped from the ring; a resume point at or below it has a gap. */
  droppedN: number;
  ended: boolean;
  stopTimer?: ReturnType<typeof setTimeout>;
};

const parentsOf = (s: ShardInfo) =>
  [s.parentShardId, s.adjacentParentShardId].filter((p): p is string => !!p);

/**
 * Fan-out of Kinesis shards to feed subscribers in this server process. Live tails share ONE
 * poller per shard; other start positions read privately and join the live poller once caught up.
 */
export class FeedHub {
  private readonly gate: CallGate;
  private readonly pollers = new Map<string, Poller>();
  private readonly subscribers = new Set<Subscriber>();
  private counter = 0;
  private shardCache: { at: number; shards: Promise<ShardInfo[]> } | undefined;
  private readonly source: FeedSource;
  private readonly graceMs: number;
  private readonly idlePollMs: number;
  private readonly bufferSize: number;
  private readonly log: (message: string) => void;

  constructor(options: HubOptions) {
    this.source = options.source;
    this.gate = new CallGate(options.minIntervalMs, options.readBudget);
    this.graceMs = options.graceMs ?? 5_000;
    this.idlePollMs = options.idlePollMs ?? 0;
    this.bufferSize = options.bufferSize ?? 1_000;
    this.log = options.log ?? ((m) => console.warn(`[feed] ${m}`));
  }

  /** Shards of the stream; cached briefly so a burst of subscribers costs one ListShards. */
  async listShards(fresh = false): Promise<ShardInfo[]> {
    if (fresh || !this.shardCache || Date.now() - this.shardCache.at > 2_000) {
      const shards = this.source.listShards();
      this.shardCache = { at: Date.now(), shards };
      shards.catch(() => (this.shardCache = undefined));
    }
    try {
      return await this.shardCache.shards;
    } catch (error) {
      throw new FeedUnavailable({ cause: error });
    }
  }

  /**
   * Starts delivering events to `deliver`; resolves once every reader has its iterator, so a
   * record put after this resolves reaches the subscriber. Bad input → ValidationError.
   */
  async subscribe(query: FeedQuery, deliver: (event: FeedEvent) => void): Promise<FeedSubscription> {
    const shards = await this.listShards();
    const ids = shards.map((s) => s.shardId);
    if (query.shard !== 'all' && !ids.includes(query.shard)) {
      throw new ValidationError([
        { path: 'shard', message: `Unknown shard ${query.shard}; the stream has ${ids.join(', ')}` },
      ]);
    }
    const joinedAt = query.lastEventId ? parseTailMarker(query.lastEventId) : undefined;
    const resume = query.lastEventId && joinedAt === undefined ? parseEventId(query.lastEventId) : undefined;
    if (query.lastEventId && joinedAt === undefined && !resume) {
      throw new ValidationError([
        { path: 'lastEventId', message: 'Last-Event-ID must look like shardId-000000000000:<sequence>' },
      ]);
    }
    const sub: Subscriber = {
      deliver,
      follow: query.shard,
      live: new Set(),
      readers: new Set(),
      closed: false,
    };
    this.subscribers.add(sub);
    const close = () => this.close(sub);
    try {
      // A resume point on a shard that has been trimmed away cannot be honoured; use the position.
      if (joinedAt !== undefined) await this.readPrivately(sub, shards, sinceJoined(joinedAt));
      else if (resume && ids.includes(resume.shardId)) await this.resume(sub, shards, resume);
      else if (query.position.type === 'LATEST') await this.attachLive(sub, shards);
      else await this.readPrivately(sub, shards, query.position);
    } catch (error) {
      close();
      throw openError(error);
    }
    return { close };
  }

  stats(): HubStats {
    return {
      subscribers: this.subscribers.size,
      pollers: [...this.pollers.values()].map((p) => ({
        shardId: p.shardId,
        subscribers: p.subscribers.size,
        buffered: p.buffer.length,
        ended: p.ended,
      })),
      privateReaders: [...this.subscribers].reduce((n, s) => n + s.readers.size, 0),
      callsPerSecond: this.gate.callsPerSecond(),
      totalCalls: this.gate.totalCalls(),
      readBudget: this.gate.mode(),
    };
  }

  /**
   * A turn for one GetRecords call on `shardId` outside the feed (the order trace): the same
   * process gate and shared budget the hub's own readers wait on.
   */
  acquireRead(shardId: string, signal?: AbortSignal): Promise<boolean> {
    return this.gate.acquire(shardId, signal);
  }

  /** Stops every reader; for tests and shutdown. */
  stop(): void {
    for (const sub of [...this.subscribers]) this.close(sub);
    for (const poller of this.pollers.values()) this.stopPoller(poller);
  }

  private close(sub: Subscriber): void {
    if (sub.closed) return;
    sub.closed = true;
    this.subscribers.delete(sub);
    for (const reader of sub.readers) reader.stop();
    sub.readers.clear();
    for (const poller of sub.live) this.detach(poller, sub);
  }

  /* ---- live pollers ---- */

  /** Live shards for a subscriber: open ones, or the parent still being read that leads to them. */
  private liveTargets(sub: Subscriber, shards: ShardInfo[]): string[] {
    const ids = sub.follow === 'all' ? shards.filter((s) => !s.closed).map((s) => s.shardId) : [sub.follow];
    const byId = new Map(shards.map((s) => [s.shardId, s]));
    return [
      ...new Set(
        ids.map((id) => {
          const info = byId.get(id);
          const reading = info && parentsOf(info).find((p) => this.pollers.get(p)?.ended === false);
          return reading ?? id;
        }),
      ),
    ];
  }

  private async attachLive(sub: Subscriber, shards: ShardInfo[]): Promise<void> {
    const pollers = this.liveTargets(sub, shards).map(
      (id) => this.pollers.get(id) ?? this.startPoller(id, { type: 'LATEST' }),
    );
    for (const poller of pollers) this.attach(poller, sub);
    await Promise.all(pollers.map((p) => p.reader.ready));
  }

  private startPoller(shardId: string, start: IteratorStart, adopt?: ShardReader): Poller {
    const poller: Poller = {
      shardId,
      reader: undefined as unknown as ShardReader,
      subscribers: new Set(),
      buffer: [],
      createdN: this.counter,
      droppedN: 0,
      ended: false,
    };
    const handlers = {
      onEvents: (events: FeedEvent[]) => this.publish(poller, events),
      onEnd: () => void this.endPoller(poller),
      onError: (error: unknown) => this.log(`${shardId}: ${errorName(error) || String(error)}; retrying`),
    };
    if (adopt) adopt.handlers = handlers;
    poller.reader =
      adopt ?? new ShardReader(this.source, this.gate, shardId, start, handlers, this.idlePollMs);
    this.pollers.set(shardId, poller);
    // A poller that never opened must not linger: the next viewer should try Kinesis afresh.
    poller.reader.ready.catch(() => this.stopPoller(poller));
    return poller;
  }

  private publish(poller: Poller, events: FeedEvent[]): void {
    for (const event of events) {
      poller.buffer.push({ n: ++this.counter, event });
      if (poller.buffer.length > this.bufferSize) poller.droppedN = poller.buffer.shift()!.n;
      for (const sub of poller.subscribers) sub.deliver(event);
    }
  }

  private attach(poller: Poller, sub: Subscriber): void {
    clearTimeout(poller.stopTimer);
    poller.stopTimer = undefined;
    poller.subscribers.add(sub);
    sub.live.add(poller);
  }

  private detach(poller: Poller, sub: Subscriber): void {
    poller.subscribers.delete(sub);
    sub.live.delete(poller);
    if (poller.subscribers.size > 0) return;
    if (poller.ended) this.pollers.delete(poller.shardId);
    else poller.stopTimer ??= setTimeout(() => this.stopPoller(poller), this.graceMs);
  }

  private stopPoller(poller: Poller): void {
    clearTimeout(poller.stopTimer);
    poller.reader.stop();
    if (this.pollers.get(poller.shardId) === poller) this.pollers.delete(poller.shardId);
  }

  /** A closed shard was read to its end: its subscribers move to the children, parents first. */
  private async endPoller(poller: Poller): Promise<void> {
    poller.ended = true;
    let shards: ShardInfo[];
    try {
      shards = await this.listShards(true);
    } catch {
      this.log(`${poller.shardId} ended but ListShards failed; its viewers stop here`);
      return;
    }
    const listed = new Set(shards.map((s) => s.shardId));
    const children = shards.filter((s) => parentsOf(s).includes(poller.shardId));
    for (const child of children) {
      const parents = parentsOf(child).filter((p) => listed.has(p));
      // A merge waits for both parents; an unwatched parent does not hold the child back.
      if (!parents.every((p) => !this.pollers.has(p) || this.pollers.get(p)!.ended)) continue;
      const next =
        this.pollers.get(child.shardId) ?? this.startPoller(child.shardId, { type: 'TRIM_HORIZON' });
      for (const parent of parents.map((p) => this.pollers.get(p)).filter((p): p is Poller => !!p)) {
        for (const sub of parent.subscribers) this.attach(next, sub);
      }
    }
    for (const child of children) {
      for (const parent of parentsOf(child).map((p) => this.pollers.get(p))) {
        if (parent?.ended && children.every((c) => this.pollers.has(c.shardId))) {
          for (const sub of [...parent.subscribers]) this.detach(parent, sub);
          this.pollers.delete(parent.shardId);
        }
      }
    }
    if (!children.length) {
      for (const sub of [...poller.subscribers]) this.detach(poller, sub);
      this.pollers.delete(poller.shardId);
    }
  }

  /* ---- resume and private readers ---- */

  private async resume(
    sub: Subscriber,
    shards: ShardInfo[],
    from: { shardId: string; sequenceNumber: string },
  ) {
    const hit = this.pollers
      .get(from.shardId)
      ?.buffer.find((b) => b.event.sequenceNumber === from.sequenceNumber);
    const targets = this.liveTargets(sub, shards).map((id) => this.pollers.get(id));
    const covered = hit && targets.every((p) => p && !p.ended && p.createdN <= hit.n && p.droppedN <= hit.n);
    if (covered) {
      // Replay and attach in one synchronous step: no event can slip in between.
      const missed = targets.flatMap((p) => p!.buffer.filter((b) => b.n > hit.n)).sort((a, b) => a.n - b.n);
      for (const { event } of missed) sub.deliver(event);
      for (const poller of targets) this.attach(poller!, sub);
      return;
    }
    // Beyond the buffer: read the shard privately right after the last event the client saw,
    // and the other shards from that event's arrival time (duplicates possible, gaps not).
    const after: IteratorStart = { type: 'AFTER_SEQUENCE_NUMBER', sequence: from.sequenceNumber };
    const since = sub.follow === 'all' ? await this.arrivalOf(from) : undefined;
    const starts = new Map<string, IteratorStart>([[from.shardId, after]]);
    await this.readPrivately(
      sub,
      shards,
      since ? { type: 'AT_TIMESTAMP', timestamp: since } : { type: 'LATEST' },
      starts,
    );
  }

  private async arrivalOf(at: { shardId: string; sequenceNumber: string }): Promise<Date | undefined> {
    try {
      const iterator = await this.source.getIterator(at.shardId, {
        type: 'AT_SEQUENCE_NUMBER',
        sequence: at.sequenceNumber,
      });
      await this.gate.acquire(at.shardId);
      return (await this.source.getRecords(iterator)).records[0]?.ApproximateArrivalTimestamp;
    } catch {
      return undefined;
    }
  }

  /**
   * Reads shards privately for one subscriber, parents before children, from `start` (or the
   * shard's own entry in `starts`). Each reader hands over to the shared live poller once caught up.
   */
  private async readPrivately(
    sub: Subscriber,
    shards: ShardInfo[],
    start: IteratorStart,
    starts = new Map<string, IteratorStart>(),
  ): Promise<void> {
    const finished = new Set<string>();
    const begun = new Set<string>();
    const open = (list: ShardInfo[]) => {
      const listed = new Set(list.map((s) => s.shardId));
      const inScope = (s: ShardInfo) =>
        sub.follow === 'all' || s.shardId === sub.follow || parentsOf(s).some((p) => begun.has(p));
      const ready = list.filter(
        (s) =>
          inScope(s) &&
          !begun.has(s.shardId) &&
          parentsOf(s).every(
            (p) => !listed.has(p) || finished.has(p) || (sub.follow !== 'all' && !begun.has(p)),
          ),
      );
      return ready.map((s) => {
        begun.add(s.shardId);
        const reader = new ShardReader(
          this.source,
          this.gate,
          s.shardId,
          starts.get(s.shardId) ?? start,
          {
            onEvents: (events) => events.forEach((e) => sub.deliver(e)),
            onCaughtUp: () => this.handOver(sub, reader),
            onEnd: () => {
              finished.add(s.shardId);
              sub.readers.delete(reader);
              if (!sub.closed)
                void this.listShards(true).then(open, () =>
                  this.log(`${s.shardId} ended; ListShards failed`),
                );
            },
            onError: (error) => this.log(`${s.shardId} (private): ${errorName(error) || String(error)}`),
          },
          this.idlePollMs,
        );
        sub.readers.add(reader);
        return reader.ready;
      });
    };
    await Promise.all(open(shards));
  }

  /** A caught-up private reader joins the live tail without a gap or a duplicate. */
  private handOver(sub: Subscriber, reader: ShardReader): void {
    if (sub.closed || reader.stopped) return;
    const poller = this.pollers.get(reader.shardId);
    if (!poller) {
      // Nobody tails this shard yet: the reader itself becomes the shared poller.
      sub.readers.delete(reader);
      this.attach(this.startPoller(reader.shardId, { type: 'LATEST' }, reader), sub);
      return;
    }
    if (poller.ended || !reader.lastSequence) return;
    const at = poller.buffer.findIndex((b) => b.event.sequenceNumber === reader.lastSequence);
    if (at < 0) return;
    reader.stop();
    sub.readers.delete(reader);
    for (const { event } of poller.buffer.slice(at + 1)) sub.deliver(event);
    this.attach(poller, sub);
  }
}

/**
 * Kinesis stamps arrival with its own clock; starting a little before the join time covers a
 * server clock that runs ahead. The viewer saw nothing before it joined, so an extra record or two
 * from just before is harmless; a missed one is not.
 */
export const TAIL_RESUME_MARGIN_MS = 2_000;

function sinceJoined(joinedAtMs: number): IteratorStart {
  return {
    type: 'AT_TIMESTAMP',
    timestamp: new Date(Math.min(joinedAtMs, Date.now()) - TAIL_RESUME_MARGIN_MS),
  };
}

/** Kinesis refusing a start position is the caller's mistake; anything else means it is unreachable. */
function openError(error: unknown): unknown {
  if (error instanceof ValidationError || error instanceof FeedUnavailable) return error;
  if (errorName(error) === 'InvalidArgumentException') {
    return new ValidationError([{ path: 'position', message: (error as Error).message }]);
  }
  if (errorName(error) === 'ResourceNotFoundException') return new FeedUnavailable({ cause: error });
  return new FeedUnavailable({ cause: error });
}
