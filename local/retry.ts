/** Backoff and sleeping shared by the local pipeline workers. */

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export const sleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted || ms <= 0) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/**
 * Exponential backoff with equal jitter: attempt 1 waits about `baseMs`, each further attempt
 * doubles it, capped at `capMs`. Half the delay is random so that retrying shards spread out.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  capMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A wake-up signal: wait() resolves at the next notify(), or after `ms`, whichever comes first. */
export class Wakeup {
  private waiters: (() => void)[] = [];

  notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== finish);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.waiters.push(finish);
    });
  }
}

export function errorText(error: unknown): string {
  if (error instanceof Error)
    return error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
  return String(error);
}

/**
 * Runs `step` every `intervalMs` (or as soon as `wakeup` is notified) until `signal` aborts.
 * Failures are reported and retried with backoff from `failureBaseMs`, never ending the loop.
 */
export async function repeatUntilAborted(options: {
  step: () => Promise<void>;
  signal: AbortSignal;
  wakeup: Wakeup;
  intervalMs: number;
  failureBaseMs: number;
  onError: (error: unknown) => void;
}): Promise<void> {
  let failures = 0;
  while (!options.signal.aborted) {
    try {
      await options.step();
      failures = 0;
    } catch (error) {
      failures++;
      options.onError(error);
    }
    await options.wakeup.wait(failures ? backoffDelay(failures, options.failureBaseMs, 10_000) : options.intervalMs);
  }
}
