/**
 * Athena's result files. A query's CSV quotes every value and doubles quotes inside it; NULL
 * is an empty, unquoted field, so it stays distinguishable from the empty string (`""`). The
 * first record is the header. Catalog statements (SHOW, DESCRIBE) write a `.txt` instead: one
 * line per row, no header, no quoting.
 *
 * Readers work on bytes so that a page of results can start at any record boundary of the file
 * (the NextToken records that offset).
 */

export type Cell = string | null;

export function csvField(value: Cell): string {
  return value === null ? '' : `"${value.replaceAll('"', '""')}"`;
}

export function csvRecord(values: readonly Cell[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export type ParsedRecords = {
  records: Cell[][];
  /** Bytes of `buffer` consumed by the complete records returned. */
  consumed: number;
};

/**
 * Parses up to `max` complete records from the start of `buffer`. A record cut off by the end of
 * the buffer is not returned unless `atEnd` (the buffer ends where the file does).
 */
export function parseCsvRecords(buffer: Buffer, max: number, atEnd: boolean): ParsedRecords {
  const records: Cell[][] = [];
  let consumed = 0;
  let i = 0;
  while (records.length < max && i < buffer.length) {
    const record: Cell[] = [];
    let complete = false;
    for (;;) {
      if (i >= buffer.length) {
        complete = atEnd;
        if (atEnd) record.push(null);
        break;
      }
      if (buffer[i] === QUOTE) {
        const start = ++i;
        let hasEscapes = false;
        let closed = false;
        while (i < buffer.length) {
          if (buffer[i] === QUOTE) {
            if (buffer[i + 1] === QUOTE) {
              hasEscapes = true;
              i += 2;
              continue;
            }
            if (i + 1 >= buffer.length && !atEnd) break;
            closed = true;
            break;
          }
          i++;
        }
        if (!closed) break;
        const text = buffer.toString('utf8', start, i);
        record.push(hasEscapes ? text.replaceAll('""', '"') : text);
        i++;
      } else {
        // Unquoted: NULL when empty (what this module writes); raw text otherwise, for tolerance.
        const start = i;
        while (i < buffer.length && buffer[i] !== COMMA && buffer[i] !== LF && buffer[i] !== CR) i++;
        if (i >= buffer.length && !atEnd) break;
        record.push(i === start ? null : buffer.toString('utf8', start, i));
      }
      if (i >= buffer.length) {
        complete = atEnd;
        break;
      }
      if (buffer[i] === COMMA) {
        i++;
        continue;
      }
      if (buffer[i] === CR) i++;
      if (i < buffer.length && buffer[i] === LF) i++;
      else if (i >= buffer.length && !atEnd) break;
      complete = true;
      break;
    }
    if (!complete) break;
    records.push(record);
    consumed = i;
  }
  return { records, consumed };
}

/** Parses up to `max` complete lines of a `.txt` result (one single-column row per line). */
export function parseTextLines(buffer: Buffer, max: number, atEnd: boolean): ParsedRecords {
  const records: Cell[][] = [];
  let consumed = 0;
  while (records.length < max && consumed < buffer.length) {
    const newline = buffer.indexOf(LF, consumed);
    if (newline === -1) {
      if (!atEnd) break;
      records.push([buffer.toString('utf8', consumed)]);
      consumed = buffer.length;
      break;
    }
    records.push([buffer.toString('utf8', consumed, newline)]);
    consumed = newline + 1;
  }
  return { records, consumed };
}
