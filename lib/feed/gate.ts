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
 * for the same slots rather than each keeping its own pace.
 */
export class CallGate {
  private readonly nextSlot = new Map<string, number>();
  private readonly recent = new Map<string, number[]>();
  private readonly totals = new Map<string, number>();

  /** 210 ms, not 200: five calls fit in any one-second window however Kinesis draws it. */
  constructor(private readonly minIntervalMs = 210) {}

  /** Waits for this shard's next free slot; false if aborted first (the slot is then wasted). */
  async acquire(shardId: string, signal?: AbortSignal): Promise<boolean> {
    const now = Date.now();
    const at = Math.max(now, this.nextSlot.get(shardId) ?? 0);
    this.nextSlot.set(shardId, at + this.minIntervalMs);
    await sleep(at - now, signal);
    if (signal?.aborted) return false;
    const stamps = this.recent.get(shardId) ?? [];
    stamps.push(Date.now());
    // Ten seconds of stamps is plenty for calls/s and bounds the array at ~50 entries.
    while (stamps.length && stamps[0]! < Date.now() - 10_000) stamps.shift();
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
