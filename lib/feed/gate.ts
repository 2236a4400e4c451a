import type { ReadBudget } from './read-budget';

/** Sleeps `ms`, waking early (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Spaces GetRecords calls per shard across every reader in the process. Kinesis allows 5 per
 * second per shard shared by all consumers, so private readers and the live poller take turns
 * for the same slots rather than each keeping its own pace. With a shared ReadBudget each call
 * also takes a token that every process draws from, and the gap widens to this hub's share.
 */
export class CallGate {
  private readonly lastCall = new Map<string, number>();
  /** One turn at a time per shard, so a token wait never lets two readers through at once. */
  private readonly turns = new Map<string, Promise<unknown>>();
  private readonly recent = new Map<string, number[]>();
  private readonly totals = new Map<string, number>();

  /** 210 ms, not 200: five calls fit in any one-second window however Kinesis draws it. */
  constructor(
    private readonly minIntervalMs = 210,
    private readonly budget?: ReadBudget,
  ) {}

  /** Waits for this shard's next free slot; false if aborted first. */
  acquire(shardId: string, signal?: AbortSignal): Promise<boolean> {
    const run = () => this.turn(shardId, signal);
    const turn = (this.turns.get(shardId) ?? Promise.resolve()).then(run, run);
    this.turns.set(shardId, turn);
    return turn;
  }

  /** 'process' without a shared budget; 'fallback' while its table is failing. */
  mode(): 'process' | 'shared' | 'fallback' {
    return this.budget?.mode() ?? 'process';
  }

  private async turn(shardId: string, signal?: AbortSignal): Promise<boolean> {
    let retryAt = 0;
    let at: number;
    for (;;) {
      const gap = Math.max(this.minIntervalMs, this.budget?.spacingMs(shardId) ?? 0);
      at = Math.max((this.lastCall.get(shardId) ?? -Infinity) + gap, retryAt, Date.now());
      if (at > Date.now()) await sleep(at - Date.now(), signal);
      if (signal?.aborted) return false;
      if (!this.budget) break;
      const token = await this.budget.take(shardId, signal);
      if (signal?.aborted) return false;
      if (token.ok) break;
      retryAt = token.retryAt;
    }
    // Paced from the slot, not from when the token came back: a lone hub keeps the whole budget.
    this.lastCall.set(shardId, at);
    const now = Date.now();
    const stamps = this.recent.get(shardId) ?? [];
    stamps.push(now);
    // Ten seconds of stamps is plenty for calls/s and bounds the array at ~50 entries.
    while (stamps.length && stamps[0]! < now - 10_000) stamps.shift();
    this.recent.set(shardId, stamps);
    this.totals.set(shardId, (this.totals.get(shardId) ?? 0) + 1);
    return true;
  }

  /** GetRecords calls per shard over the last `windowMs`, as calls per second. */
  callsPerSecond(windowMs = 1_000): Record<string, number> {
    const since = Date.now() - windowMs;
    return Object.fromEntries(
      [...this.recent].map(([id, stamps]) => [
        id,
        (stamps.filter((t) => t > since).length * 1000) / windowMs,
      ]),
    );
  }

  totalCalls(): Record<string, number> {
    return Object.fromEntries(this.totals);
  }
}
