import type { FeedEvent } from '@/lib/feed/decode';
import type { FeedHub, FeedSubscription } from '@/lib/feed/hub';

/**
 * What the change stream carried recently, measured from the records themselves: arrivals per
 * minute and hour, and stream → Kinesis latency (arrival minus the change's
 * ApproximateCreationDateTime). It rides on the feed hub, so the health page and the live feed
 * share one poller per shard and one GetRecords budget. It starts reading an hour back on first
 * use and stops after a few idle minutes.
 */
export type KinesisActivitySnapshot = {
  /** When the window begins: an hour ago once caught up, or when reading began if later. */
  windowStart: string;
  /** True until the first read has reached the present. */
  warming: boolean;
  lastMinute: number;
  lastHour: number;
  newestArrival: string | null;
  newestChangeTime: string | null;
  /** Latency of records that arrived in the last five minutes (coarse: change times are whole seconds). */
  /**
   * Measured latency is an upper bound: change times are rounded down (whole seconds on DynamoDB,
   * whole minutes on DynamoDB Local). `p95FloorMs` takes each sample's rounding off, so it never
   * overstates; `minuteRounded` says most change times sat on a whole minute.
   */
  latency: { samples: number; p50Ms: number; p95Ms: number; maxMs: number; p95FloorMs: number; minuteRounded: boolean } | null;
  unavailable?: string;
};

const HOUR = 60 * 60_000;
const LATENCY_WINDOW = 5 * 60_000;
const MAX_KEPT = 500_000;

type Sample = { arrival: number; latency: number | null; change: number | null };

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Pure: the snapshot of a window of samples (any order) at `now`. */
export function summarise(samples: readonly Sample[], now: number, windowStart: number) {
  let lastMinute = 0;
  let lastHour = 0;
  let newestArrival = -Infinity;
  let newestChange = -Infinity;
  const latencies: number[] = [];
  const floors: number[] = [];
  let onMinute = 0;
  for (const s of samples) {
    if (s.arrival > now - HOUR) lastHour++;
    if (s.arrival > now - 60_000) lastMinute++;
    newestArrival = Math.max(newestArrival, s.arrival);
    if (s.change !== null) newestChange = Math.max(newestChange, s.change);
    if (s.latency !== null && s.arrival > now - LATENCY_WINDOW) {
      latencies.push(s.latency);
      const rounding = s.change === null ? 0 : s.change % 60_000 === 0 ? 59_999 : s.change % 1_000 === 0 ? 999 : 0;
      if (rounding === 59_999) onMinute++;
      floors.push(Math.max(0, s.latency - rounding));
    }
  }
  latencies.sort((a, b) => a - b);
  floors.sort((a, b) => a - b);
  return {
    windowStart: new Date(Math.max(windowStart, now - HOUR)).toISOString(),
    lastMinute,
    lastHour,
    newestArrival: Number.isFinite(newestArrival) ? new Date(newestArrival).toISOString() : null,
    newestChangeTime: Number.isFinite(newestChange) ? new Date(newestChange).toISOString() : null,
    latency: latencies.length
      ? {
          samples: latencies.length,
          p50Ms: percentile(latencies, 50),
          p95Ms: percentile(latencies, 95),
          maxMs: latencies.at(-1)!,
          p95FloorMs: percentile(floors, 95),
          minuteRounded: onMinute * 2 > latencies.length,
        }
      : null,
  };
}

export class KinesisActivity {
  private samples: Sample[] = [];
  private subscription: Promise<FeedSubscription> | undefined;
  private startedAt = 0;
  private caughtUp = false;
  private lastUsed = 0;
  private idleTimer: ReturnType<typeof setInterval> | undefined;
  private failure: string | undefined;

  constructor(
    private readonly hub: () => FeedHub,
    private readonly idleStopMs = 5 * 60_000,
  ) {}

  /** Starts reading if not yet; waits at most `waitMs` for the subscription to open. */
  async snapshot(waitMs = 2_000, now = Date.now()): Promise<KinesisActivitySnapshot> {
    this.lastUsed = now;
    this.ensureStarted(now);
    await Promise.race([this.subscription!.catch(() => undefined), new Promise((r) => setTimeout(r, waitMs))]);
    this.prune(now);
    const summary = summarise(this.samples, now, this.startedAt - HOUR);
    // Caught up once a record from the last few seconds arrived, or reading has run a while.
    if (!this.caughtUp && now - this.startedAt > 10_000) this.caughtUp = true;
    return { ...summary, warming: !this.caughtUp, ...(this.failure ? { unavailable: this.failure } : {}) };
  }

  stop(): void {
    clearInterval(this.idleTimer);
    this.idleTimer = undefined;
    void this.subscription?.then((s) => s.close(), () => undefined);
    this.subscription = undefined;
    this.samples = [];
    this.caughtUp = false;
  }

  private ensureStarted(now: number) {
    if (this.subscription) return;
    this.startedAt = now;
    this.failure = undefined;
    this.subscription = this.hub().subscribe(
      { shard: 'all', position: { type: 'AT_TIMESTAMP', timestamp: new Date(now - HOUR) } },
      (event) => this.record(event),
    );
    this.subscription.catch((error: Error) => {
      this.failure = error.message;
      this.subscription = undefined;
    });
    this.idleTimer = setInterval(() => {
      if (Date.now() - this.lastUsed > this.idleStopMs) this.stop();
    }, 30_000);
    this.idleTimer.unref?.();
  }

  private record(event: FeedEvent) {
    const arrival = event.arrivalTime ? Date.parse(event.arrivalTime) : Date.now();
    const change = event.changeTime ? Date.parse(event.changeTime) : null;
    this.samples.push({ arrival, latency: event.latencyMs, change });
    if (arrival > Date.now() - 5_000) this.caughtUp = true;
    if (this.samples.length > MAX_KEPT) this.samples.splice(0, this.samples.length - MAX_KEPT);
  }

  private prune(now: number) {
    const cutoff = now - HOUR;
    if (this.samples.length && this.samples[0]!.arrival <= cutoff) this.samples = this.samples.filter((s) => s.arrival > cutoff);
  }
}
