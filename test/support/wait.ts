/** Polls `read` until `done` holds, for at most `timeoutMs`; fails with the last value seen. */
export async function waitFor<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > deadline)
      throw new Error(
        `${what} not met within ${timeoutMs / 1000} s; last value: ${JSON.stringify(value).slice(0, 2000)}`,
      );
    await new Promise((r) => setTimeout(r, 50));
    value = await read();
  }
  return value;
}
