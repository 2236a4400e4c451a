import type { ResultColumn, ResultPage } from '@/lib/analytics/runner';

/**
 * CSV as RFC 4180 wants it: every field quoted only when it must be, quotes doubled, CRLF line
 * ends. NULL is an empty field. Pages are turned into text one at a time, so an export of any
 * size streams with one page in memory.
 */

function field(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

export function csvLine(values: readonly (string | null)[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

export function csvHeader(columns: readonly ResultColumn[]): string {
  return csvLine(columns.map((c) => c.name));
}

/** A byte stream of the whole result: the header, then every row of every page. */
export function streamCsv(pages: AsyncIterable<ResultPage>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = pages[Symbol.asyncIterator]();
  let headerSent = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value: page, done } = await iterator.next();
      if (done) {
        controller.close();
        return;
      }
      let text = '';
      if (!headerSent) {
        text += csvHeader(page.columns);
        headerSent = true;
      }
      for (const row of page.rows) text += csvLine(row);
      controller.enqueue(encoder.encode(text));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/**
 * Asks for the next page while the current one is being written out, so fetching (Athena's
 * GetQueryResults round trip) and encoding overlap. At most one page waits in memory.
 */
export async function* readAhead<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = iterator.next();
  try {
    for (;;) {
      const result = await pending;
      if (result.done) return;
      pending = iterator.next();
      yield result.value;
    }
  } finally {
    // Stop the source if the reader went away; swallow the prefetched page's outcome.
    pending.catch(() => undefined);
    await iterator.return?.();
  }
}
