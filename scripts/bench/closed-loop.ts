import { cpuPerOperation, type CpuByRole } from './process-cpu';

/** What closed-loop runs of one operation added up to: counts, time, latencies, CPU by process. */
export class LoopTotals {
  ok = 0;
  errors = 0;
  ms = 0;
  readonly latencies: number[] = [];
  readonly cpuMs: CpuByRole = {};

  /** CPU milliseconds per operation, per process. */
  cpuPerOperation(): CpuByRole {
    return cpuPerOperation({}, this.cpuMs, this.ok + this.errors);
  }
}

/**
 * `clients` closed loops of `operation` (true when it succeeded) for `ms`: each starts its next
 * call as soon as the last one answers. Added to `totals`; without it, a warm-up that counts nothing.
 */
export async function closedLoop(
  clients: number,
  ms: number,
  operation: () => Promise<boolean>,
  totals?: LoopTotals,
  cpu?: () => CpuByRole,
): Promise<void> {
  const before = totals && cpu?.();
  const started = performance.now();
  const deadline = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const ok = await operation();
        if (!totals) continue;
        totals.latencies.push(performance.now() - t0);
        if (ok) totals.ok++;
        else totals.errors++;
      }
    }),
  );
  if (!totals) return;
  totals.ms += performance.now() - started;
  const after = before && cpu?.();
  if (before && after) for (const role of Object.keys(after)) totals.cpuMs[role] = (totals.cpuMs[role] ?? 0) + after[role]! - (before[role] ?? 0);
}
