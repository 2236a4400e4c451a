import { describe, expect, it, vi } from 'vitest';
import { createHandler } from '../lambda/transform';
import { firehoseEvent, storedOrder, streamRecord } from '../../test/support/stream-records';

const decode = (data: string) => Buffer.from(data, 'base64').toString('utf8');

describe('transform Lambda handler', () => {
  const payloads = [
    JSON.stringify(streamRecord({ createdAt: Date.parse('2026-03-10T23:59:59Z') / 1000 })),
    'not json',
    JSON.stringify(streamRecord({ newImage: { ...storedOrder(), entity: 'customer' }, eventId: 'evt-2' })),
    JSON.stringify(
      streamRecord({ eventName: 'MODIFY', newImage: storedOrder({ version: 2 }), eventId: 'evt-3' }),
    ),
  ];

  it('returns every recordId, in order, with a result for each', async () => {
    const handler = createHandler(() => {});
    const { records } = await handler(firehoseEvent(payloads));
    expect(records.map((r) => r.recordId)).toEqual(['rec-0', 'rec-1', 'rec-2', 'rec-3']);
    expect(records.map((r) => r.result)).toEqual(['Ok', 'ProcessingFailed', 'Dropped', 'Ok']);
  });

  it('emits one JSON line per change row with the dt partition key for Firehose', async () => {
    const { records } = await createHandler(() => {})(firehoseEvent(payloads));
    const ok = records[0]!;
    expect(ok.metadata).toEqual({ partitionKeys: { dt: '2026-03-10' } });
    const text = decode(ok.data);
    expect(text.endsWith('\n')).toBe(true);
    expect(JSON.parse(text)).toMatchObject({
      event_id: 'evt-1',
      event_name: 'INSERT',
      order_id: storedOrder().order_id,
    });
  });

  it('keeps a failed record’s original data, so the error prefix holds what arrived', async () => {
    const { records } = await createHandler(() => {})(firehoseEvent(payloads));
    expect(decode(records[1]!.data)).toBe('not json');
  });

  it('logs the reason for each dropped or failed record, keyed by recordId', async () => {
    const log = vi.fn();
    await createHandler(log)(firehoseEvent(payloads));
    expect(log.mock.calls.map(([entry]) => entry)).toEqual([
      { recordId: 'rec-1', result: 'ProcessingFailed', reason: 'data is not JSON' },
      { recordId: 'rec-2', result: 'Dropped', reason: 'not an order item' },
    ]);
  });

  it('writes its default log as one JSON line the metric filter can match', async () => {
    const spy = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const { handler } = await import('../lambda/transform');
      await handler(firehoseEvent(['not json']));
      expect(spy).toHaveBeenCalledTimes(1);
      expect(JSON.parse(spy.mock.calls[0]![0] as string)).toEqual({
        level: 'WARN',
        recordId: 'rec-0',
        result: 'ProcessingFailed',
        reason: 'data is not JSON',
      });
    } finally {
      spy.mockRestore();
    }
  });

  it('handles an empty batch', async () => {
    expect(await createHandler(() => {})(firehoseEvent([]))).toEqual({ records: [] });
  });
});
