import { promises as fs } from 'node:fs';
import { parseCsvRecords, parseTextLines, type Cell } from './csv';

/**
 * One page of a result file, from a byte offset (where the previous page ended). Reads in
 * growing chunks until it has `max` records or reaches the end of the file.
 */
export async function readResultPage(
  file: string,
  format: 'csv' | 'txt',
  offset: number,
  max: number,
): Promise<{ records: Cell[][]; nextOffset: number | undefined }> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    let chunk = 64 * 1024;
    for (;;) {
      const length = Math.min(chunk, Math.max(0, size - offset));
      const buffer = Buffer.alloc(length);
      const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, offset) : { bytesRead: 0 };
      const atEnd = offset + bytesRead >= size;
      const data = buffer.subarray(0, bytesRead);
      const parsed = format === 'csv' ? parseCsvRecords(data, max, atEnd) : parseTextLines(data, max, atEnd);
      if (parsed.records.length === max || atEnd) {
        const end = offset + parsed.consumed;
        return { records: parsed.records, nextOffset: end < size ? end : undefined };
      }
      chunk *= 2;
    }
  } finally {
    await handle.close();
  }
}
