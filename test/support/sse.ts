/** One parsed SSE frame: comment lines, and the id/event/data/retry fields. */
export type SseFrame = { id?: string; event?: string; data?: string; retry?: string; comments: string[] };

function parseFrame(block: string): SseFrame {
  const frame: SseFrame = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) frame.comments.push(line.slice(1).trim());
    else {
      const at = line.indexOf(':');
      const field = line.slice(0, at) as 'id' | 'event' | 'data' | 'retry';
      const value = line.slice(at + 1).replace(/^ /, '');
      frame[field] = frame[field] === undefined ? value : `${frame[field]}\n${value}`;
    }
  }
  return frame;
}

/** Reads SSE frames off a response body; `until` returns once `done` holds or fails after `timeoutMs`. */
export function sseReader(body: ReadableStream<Uint8Array>) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const frames: SseFrame[] = [];
  let text = '';
  let ended = false;
  let failure: unknown;
  const pump = (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch((error: unknown) => {
        failure = error;
        return { value: undefined, done: true as const };
      });
      if (done) break;
      text += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = text.indexOf('\n\n')) >= 0) {
        frames.push(parseFrame(text.slice(0, cut)));
        text = text.slice(cut + 2);
      }
    }
    ended = true;
  })();
  return {
    frames,
    get ended() {
      return ended;
    },
    /** Why reading stopped, if the body errored (a reset connection) rather than ending. */
    get error() {
      return failure;
    },
    /** Frames carrying data, parsed as JSON. */
    events: <T = Record<string, unknown>>() =>
      frames.filter((f) => f.data && !f.event).map((f) => ({ id: f.id, data: JSON.parse(f.data!) as T })),
    async until(done: () => boolean, timeoutMs = 10_000, what = 'frames') {
      const deadline = Date.now() + timeoutMs;
      while (!done()) {
        if (Date.now() > deadline)
          throw new Error(
            `${what} not seen within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 1500)}`,
          );
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    closed: pump,
  };
}
