import { describe, expect, it } from 'vitest';
import { csvCell, exportFileName, recordsToCsv, recordsToJson, CSV_COLUMNS } from '@/components/feed/export';
import { toFeedItem, type FeedEvent } from '@/components/feed/feed-model';

const event: FeedEvent = {
  id: 'shardId-000000000000:49650001',
  shardId: 'shardId-000000000000',
  sequenceNumber: '49650001',
  partitionKey: '01JORDER',
  arrivalTime: '2026-03-10T12:00:01.250Z',
  eventName: 'MODIFY',
  eventID: 'evt-1',
  changeTime: '2026-03-10T12:00:01.000Z',
  keys: { order_id: '01JORDER' },
  oldImage: { order_id: '01JORDER', customer: { name: 'Smith, "Jo"' }, items: [{ quantity: 2 }] },
  newImage: { order_id: '01JORDER', customer: { name: 'Smith, "Jo"' }, items: [{ quantity: 3 }] },
  diff: [{ path: 'items[0].quantity', kind: 'changed', old: 2, new: 3 }],
  latencyMs: 250,
};

/** Minimal RFC 4180 reader, so the test checks the CSV round-trips rather than its exact bytes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (quoted && ch === '"') quoted = false;
    else if (quoted) cell += ch;
    else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('csvCell', () => {
  it('leaves plain text bare and quotes commas, quotes and line breaks', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\rhere')).toBe('"cr\rhere"');
  });

  it('writes null and undefined as empty, numbers as they are, objects as JSON', () => {
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(-42)).toBe('-42');
    expect(csvCell({ a: 1 })).toBe('"{""a"":1}"');
    expect(csvCell({ a: 'x,y' })).toBe('"{""a"":""x,y""}"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('-1.5')).toBe('-1.5');
  });
});

describe('recordsToCsv', () => {
  it('writes a header and one row per record that parse back to the record', () => {
    const text = recordsToCsv([toFeedItem(event, 0)]);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, row] = parseCsv(text);
    expect(header).toEqual([...CSV_COLUMNS]);
    const cells = Object.fromEntries(header!.map((h, i) => [h, row![i]]));
    expect(cells).toMatchObject({
      arrival_time: '2026-03-10T12:00:01.250Z',
      shard_id: 'shardId-000000000000',
      sequence_number: '49650001',
      event_name: 'MODIFY',
      order_id: '01JORDER',
      latency_ms: '250',
      changed_fields: 'items[0].quantity',
      warning: '',
    });
    expect(JSON.parse(cells.new_image!)).toEqual(event.newImage);
    expect(JSON.parse(cells.old_image!)).toEqual(event.oldImage);
  });

  it('puts a non-JSON record’s raw text and warning in the row', () => {
    const raw = {
      ...event,
      eventName: null,
      newImage: null,
      oldImage: null,
      diff: [],
      error: 'The record is not JSON',
      raw: 'x,"y"',
    };
    const [, row] = parseCsv(recordsToCsv([toFeedItem(raw, 0)]));
    expect(row!.at(-3)).toBe('The record is not JSON');
    expect(row!.at(-1)).toBe('x,"y"');
  });

  it('writes only a header for no records', () => {
    expect(parseCsv(recordsToCsv([]))).toEqual([[...CSV_COLUMNS]]);
  });
});

describe('recordsToJson and file names', () => {
  it('exports the events as the stream sent them', () => {
    expect(JSON.parse(recordsToJson([toFeedItem(event, 0)]))).toEqual([event]);
  });

  it('names the file by format and UTC time, without characters file systems refuse', () => {
    expect(exportFileName('csv', new Date('2026-03-10T12:34:56.789Z'))).toBe(
      'cdc-feed-2026-03-10T12-34-56.csv',
    );
  });
});
