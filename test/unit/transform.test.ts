import { describe, expect, it } from 'vitest';
import { transformRecords } from '@/lib/cdc/transform';
import { firehoseEvent, storedOrder, streamRecord } from '../support/stream-records';

const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

describe('transformRecords (the Firehose Lambda contract)', () => {
  it('returns every recordId, in order, with Ok rows, Dropped others and ProcessingFailed poison', () => {
    const good = JSON.stringify(streamRecord());
    const other = JSON.stringify(streamRecord({ newImage: { ...storedOrder(), entity: 'customer' } }));
    const event = firehoseEvent([good, 'garbage', other, good]);
    const logged: string[] = [];
    const { records } = transformRecords(event, (entry) => logged.push(`${entry.recordId}:${entry.result}`));

    expect(records.map((r) => [r.recordId, r.result])).toEqual([
      ['rec-0', 'Ok'],
      ['rec-1', 'ProcessingFailed'],
      ['rec-2', 'Dropped'],
      ['rec-3', 'Ok'],
    ]);
    expect(logged).toEqual(['rec-1:ProcessingFailed', 'rec-2:Dropped']);
  });

  it('emits one JSON row per record, newline-terminated, with the dt partition key', () => {
    const { records } = transformRecords(firehoseEvent([JSON.stringify(streamRecord())]));
    const [ok] = records;
    expect(ok!.metadata).toEqual({ partitionKeys: { dt: '2026-03-10' } });
    const text = decode(ok!.data);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd().includes('\n')).toBe(false);
    expect(JSON.parse(text)).toMatchObject({ order_id: '01JD0000000000000000000001', total_cents: 259_800 });
  });

  it('keeps the original data and the reason on a failed record', () => {
    const { records } = transformRecords(firehoseEvent(['garbage']));
    expect(records[0]).toEqual({
      recordId: 'rec-0',
      result: 'ProcessingFailed',
      data: Buffer.from('garbage').toString('base64'),
      errorMessage: 'data is not JSON',
    });
  });
});
