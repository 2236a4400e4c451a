import type { ResultColumn, ResultPage } from '@/lib/analytics/runner';
import { csvLine } from '@/lib/csv';

/**
 * A query result as CSV (lib/csv.ts: RFC 4180, CRLF, formula-looking cells neutralised). Pages
 * are turned into text one at a time, so an export of any size streams with one page in memory.
 */

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
