import { describe, expect, it } from 'vitest';
import { backoffDelay, sleep, Wakeup } from '@/local/retry';

describe('backoffDelay', () => {
  it('doubles per attempt between half and all of the ceiling, up to the cap', () => {
    const low = (attempt: number) => backoffDelay(attempt, 100, 1_000, () => 0);
    const high = (attempt: number) => backoffDelay(attempt, 100, 1_000, () => 1);
    expect([1, 2, 3, 4, 5, 6].map(high)).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect([1, 2, 3, 4, 5, 6].map(low)).toEqual([50, 100, 200, 400, 500, 500]);
  });
});

describe('sleep and Wakeup', () => {
  it('sleep ends early when its signal aborts', async () => {
    const controller = new AbortController();
    const done = sleep(60_000, controller.signal);
    controller.abort();
    await expect(done).resolves.toBeUndefined();
  });

  it('wait ends at the next notify', async () => {
    const wakeup = new Wakeup();
    const waiting = wakeup.wait(60_000);
    wakeup.notify();
    await expect(waiting).resolves.toBeUndefined();
  });
});
