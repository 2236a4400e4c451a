import { describe, expect, it } from 'vitest';
import { csvField, csvRecord, parseCsvRecords, parseTextLines } from '@/local/athena/results/csv';

describe('Athena result CSV', () => {
  it('quotes every value, doubles quotes, and leaves NULL empty and unquoted', () => {
    expect(csvField('plain')).toBe('"plain"');
    expect(csvField('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvField('')).toBe('""');
    expect(csvField(null)).toBe('');
    expect(csvRecord(['a', null, '', '1'])).toBe('"a",,"","1"\n');
  });

  it('reads back exactly what it writes', () => {
    const rows = [
      ['region', 'note', 'n'],
      ['EU', 'comma, quote " and\nnewline', null],
      ['', null, 'ünïcödé ✓'],
      [null],
    ];
    const buffer = Buffer.from(rows.map(csvRecord).join(''));
    const parsed = parseCsvRecords(buffer, 100, true);
    expect(parsed.records).toEqual(rows);
    expect(parsed.consumed).toBe(buffer.length);
  });

  it('stops at max records and reports the bytes consumed, so the next page starts there', () => {
    const buffer = Buffer.from(['a', 'b', 'c'].map((v) => csvRecord([v, 'x'])).join(''));
    const first = parseCsvRecords(buffer, 2, true);
    expect(first.records).toEqual([
      ['a', 'x'],
      ['b', 'x'],
    ]);
    const rest = parseCsvRecords(buffer.subarray(first.consumed), 2, true);
    expect(rest.records).toEqual([['c', 'x']]);
  });

  it('never returns a record cut off by the end of a chunk', () => {
    const text = csvRecord(['complete', '1']) + csvRecord(['cut "" off', '2']);
    for (let end = text.indexOf('\n') + 1; end < Buffer.byteLength(text); end++) {
      const parsed = parseCsvRecords(Buffer.from(text).subarray(0, end), 10, false);
      expect(parsed.records).toEqual([['complete', '1']]);
      expect(parsed.consumed).toBe(text.indexOf('\n') + 1);
    }
  });

  it('splits DDL text results into one single-column row per line', () => {
    const buffer = Buffer.from('order_changes\norders_current\n');
    expect(parseTextLines(buffer, 10, true)).toEqual({
      records: [['order_changes'], ['orders_current']],
      consumed: buffer.length,
    });
    expect(parseTextLines(buffer, 1, true).records).toEqual([['order_changes']]);
    expect(parseTextLines(Buffer.from('partial'), 10, false).records).toEqual([]);
  });
});
