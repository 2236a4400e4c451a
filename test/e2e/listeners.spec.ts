import { expect, test } from '@playwright/test';
import { isLoopback, listenersOf } from '../support/listeners';

/**
 * Everything the stack starts listens on loopback only: the dashboard (Next), the local AWS
 * endpoint, DynamoDB Local's JVM, the sign-in provider and any worker. The stack is the one this
 * run's web server launched (`npm start`'s launcher), a child of the test runner like this worker.
 */
test('no process of the running stack listens beyond loopback', async () => {
  const listeners = listenersOf(process.ppid);
  const stack = listeners.filter((l) => l.pid !== process.pid && l.pid !== process.ppid);
  // The control: the stack's own listeners are found (dashboard, endpoint, sign-in, DynamoDB Local).
  expect(stack.length, JSON.stringify(listeners)).toBeGreaterThanOrEqual(4);
  expect(stack.some((l) => /java/.test(l.command)), 'DynamoDB Local is among them').toBe(true);
  const exposed = stack.filter((l) => !isLoopback(l.address)).map((l) => `${l.address}:${l.port} ${l.command}`);
  expect(exposed).toEqual([]);
});
