/**
 * Process-wide drain state. It lives on globalThis because instrumentation.ts (which handles the
 * signal) and each route handler are separate bundles with their own copies of this module.
 */
export type OpenStream = {
  /** Sends the stream's last frame and closes it; called once, when the server starts draining. */
  end: () => void;
};

type DrainState = { draining: boolean; streams: Set<OpenStream> };

const KEY = Symbol.for('sales-cdc.drain-state');
const holder = globalThis as typeof globalThis & { [KEY]?: DrainState };

function state(): DrainState {
  return (holder[KEY] ??= { draining: false, streams: new Set() });
}

/** True once SIGTERM arrived: a long-lived response should not start, or should say goodbye at once. */
export function isDraining(): boolean {
  return state().draining;
}

/** Registers a long-lived response (an SSE stream) to be ended on drain; returns its unregister. */
export function trackStream(stream: OpenStream): () => void {
  const { streams } = state();
  streams.add(stream);
  return () => void streams.delete(stream);
}

/** Marks the process as draining and hands over every open stream, each once. */
export function beginDrain(): OpenStream[] {
  const s = state();
  s.draining = true;
  const open = [...s.streams];
  s.streams.clear();
  return open;
}

/** For tests: back to a fresh, non-draining process. */
export function resetDrainState(): void {
  delete holder[KEY];
}
