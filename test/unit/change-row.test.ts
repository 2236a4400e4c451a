import { describe, expect, it } from 'vitest';
import { NotAnOrder, PoisonRecord, toChangeRow } from '@/lib/cdc/change-row';
import { padSequenceNumber } from '@/lib/cdc/stream-record';
import { storedOrder, streamRecord } from '../support/stream-records';

const parse = (record: unknown) => toChangeRow(JSON.stringify(record));
const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof PoisonRecord) return error.reason;
    throw error;
  }
  throw new Error('expected a PoisonRecord');
};

describe('toChangeRow', () => {
  it('flattens an INSERT into a change row partitioned by the change date (UTC)', () => {
    const { row, dt } = parse(streamRecord({ createdAt: Date.parse('2026-03-10T23:59:59.5Z') / 1000 }));
    expect(dt).toBe('2026-03-10');
    expect(row).toEqual({
      event_id: 'evt-1',
      event_name: 'INSERT',
      sequence_number: '0000000000000000000100000000000000000001',
      change_time: '2026-03-10T23:59:59.500Z',
      order_id: '01JD0000000000000000000001',
      version: 1,
      is_deleted: false,
      customer_name: 'Ada Lovelace',
      customer_email: 'ada@example.com',
      region: 'EU',
      channel: 'web',
      status: 'paid',
      currency: 'USD',
      order_date: '2026-03-10T12:00:00.000Z',
      items: [{ sku: 'LAP-13', name: 'Laptop 13', category: 'Computers', quantity: 2, unit_price_cents: 129_900 }],
      item_count: 1,
      units: 2,
      total_cents: 259_800,
      created_at: '2026-03-10T12:00:00.000Z',
      updated_at: '2026-03-10T12:00:00.000Z',
      // The fixture predates sign-in: no writer recorded.
      updated_by: null,
    });
  });

  it('carries who made the change, and for a REMOVE who deleted it (from the OldImage)', () => {
    const edited = parse(streamRecord({ eventName: 'MODIFY', newImage: storedOrder({ version: 2, updated_by: 'sales' }) }));
    expect(edited.row.updated_by).toBe('sales');
    const removed = parse(
      streamRecord({ eventName: 'REMOVE', newImage: null, oldImage: storedOrder({ version: 4, updated_by: 'admin' }) }),
    );
    expect(removed.row).toMatchObject({ event_name: 'REMOVE', updated_by: 'admin', version: 4 });
  });

  it('reads a REMOVE from its OldImage and marks it deleted', () => {
    const old = storedOrder({ version: 3 });
    const { row } = parse(streamRecord({ eventName: 'REMOVE', newImage: null, oldImage: old }));
    expect(row).toMatchObject({ event_name: 'REMOVE', is_deleted: true, version: 3, total_cents: 259_800 });
  });

  it('reads a MODIFY from its NewImage, not the old one', () => {
    const record = streamRecord({
      eventName: 'MODIFY',
      oldImage: storedOrder({ status: 'pending' }),
      newImage: storedOrder({ status: 'shipped', version: 2 }),
    });
    expect(parse(record).row).toMatchObject({ status: 'shipped', version: 2 });
  });

  it('pads sequence numbers so string order is numeric order', () => {
    expect(padSequenceNumber('99') < padSequenceNumber('100')).toBe(true);
    expect(padSequenceNumber('1'.repeat(40))).toHaveLength(40);
  });

  it('drops items of another entity rather than failing them', () => {
    expect(() => parse(streamRecord({ newImage: { ...storedOrder(), entity: 'customer' } }))).toThrow(NotAnOrder);
    expect(() => parse(streamRecord({ newImage: { ...storedOrder(), entity: 'order#99' } }))).toThrow(NotAnOrder);
  });

  it('reads orders under a by_date shard and under the legacy unsharded key', () => {
    expect(parse(streamRecord({ newImage: { ...storedOrder(), entity: 'order#5' } })).row).toMatchObject({ version: 1 });
    expect(parse(streamRecord({ newImage: { ...storedOrder(), entity: 'order' } })).row).toMatchObject({ version: 1 });
  });

  describe('poison records fail with a reason', () => {
    it('non-JSON data', () => {
      expect(reasonOf(() => toChangeRow('{not json'))).toBe('data is not JSON');
    });

    it('an INSERT without NewImage', () => {
      expect(reasonOf(() => parse(streamRecord({ newImage: null, oldImage: storedOrder() })))).toBe(
        'INSERT without NewImage; the stream must use NEW_AND_OLD_IMAGES',
      );
    });

    it('wrong attribute types', () => {
      const record = streamRecord();
      (record.dynamodb.NewImage as Record<string, unknown>).version = { S: 'one' };
      expect(reasonOf(() => parse(record))).toMatch(/^NewImage is not an order of this app .*version/);
    });

    it('a number attribute that is not a number', () => {
      const record = streamRecord();
      (record.dynamodb.NewImage as Record<string, unknown>).total_cents = { N: 'abc' };
      expect(reasonOf(() => parse(record))).toMatch(/total_cents/);
    });

    it("the tutorial's flat item shape", () => {
      const record = streamRecord({ newImage: { order_id: 'o-1', product_name: 'Laptop', quantity: 1, price: 12.5 } });
      expect(reasonOf(() => parse(record))).toMatch(
        /^NewImage is not an order of this app \(attributes: order_id, price, product_name, quantity\)/,
      );
    });

    it('a total that disagrees with its lines', () => {
      expect(reasonOf(() => parse(streamRecord({ newImage: storedOrder({ total_cents: 1 }) })))).toBe(
        'total_cents 1 does not equal the sum of its lines (259800)',
      );
    });

    it('something that is not a stream record', () => {
      expect(reasonOf(() => toChangeRow('{"hello":"world"}'))).toMatch(/^not a DynamoDB stream record: eventID/);
    });
  });
});
