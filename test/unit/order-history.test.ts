import { describe, expect, it } from 'vitest';
import {
  buildEntries,
  dedupeRows,
  freshnessNote,
  isBehind,
  toOrderHistory,
  type HistoryRow,
  type OrderHistory,
} from '@/lib/orders/history-entries';
import type { OrderFields } from '@/lib/orders/order-diff';
import { parseItemsJson } from '@/lib/trace/athena-rows';

const LAPTOP = {
  sku: 'LAP-13',
  name: 'Laptop 13',
  category: 'Computers',
  quantity: 2,
  unit_price_cents: 129_900,
};
const MOUSE = {
  sku: 'MOU-WL',
  name: 'Wireless Mouse',
  category: 'Accessories',
  quantity: 1,
  unit_price_cents: 4_999,
};

const ORDER: OrderFields = {
  customer: { name: 'Ada', email: 'ada@example.com' },
  status: 'pending',
  region: 'EU',
  channel: 'web',
  currency: 'USD',
  order_date: '2026-11-20T10:00:00.000Z',
  items: [LAPTOP, MOUSE],
  total_cents: 2 * 129_900 + 4_999,
};

let sequence = 0;
function row(
  eventName: HistoryRow['eventName'],
  version: number,
  overrides: Partial<HistoryRow> = {},
): HistoryRow {
  sequence += 1;
  return {
    eventId: `event-${sequence}`,
    eventName,
    version,
    sequenceNumber: String(sequence).padStart(40, '0'),
    changeTime: `2026-11-20T10:00:${String(sequence % 60).padStart(2, '0')}.000Z`,
    updatedBy: 'sales',
    order: ORDER,
    ...overrides,
  };
}

const history = (overrides: Partial<OrderHistory>): OrderHistory => ({
  orderId: '01JD0000000000000000000000',
  entries: [],
  latestVersion: null,
  deleted: false,
  bufferLabel: '60 s on AWS',
  ...overrides,
});

describe('the entries of an order history', () => {
  it('shows a create with its initial values and an edit as OLD → NEW per field, money formatted', () => {
    const edited: OrderFields = { ...ORDER, status: 'paid', items: [LAPTOP], total_cents: 2 * 129_900 };
    const entries = buildEntries([row('INSERT', 1), row('MODIFY', 2, { updatedBy: 'admin', order: edited })]);
    expect(entries.map((e) => [e.event, e.version, e.by])).toEqual([
      ['created', 1, 'sales'],
      ['edited', 2, 'admin'],
    ]);
    expect(entries[0]!.changes).toEqual([]);
    expect(entries[0]!.initial).toContainEqual({ field: 'Total', value: '$2,647.99' });
    expect(entries[1]!.changes).toEqual([
      { field: 'Status', before: 'pending', after: 'paid' },
      {
        field: 'Line items',
        before: '2 × Laptop 13 @ $1,299.00; 1 × Wireless Mouse @ $49.99',
        after: '2 × Laptop 13 @ $1,299.00',
      },
      { field: 'Total', before: '$2,647.99', after: '$2,598.00' },
    ]);
  });

  it('diffs region, channel and the customer name and email', () => {
    const next: OrderFields = {
      ...ORDER,
      region: 'APAC',
      channel: 'phone',
      customer: { name: 'Ada L', email: 'ada.l@example.com' },
    };
    const [, edit] = buildEntries([row('INSERT', 1), row('MODIFY', 2, { order: next })]);
    expect(edit!.changes).toEqual([
      { field: 'Customer name', before: 'Ada', after: 'Ada L' },
      { field: 'Customer email', before: 'ada@example.com', after: 'ada.l@example.com' },
      { field: 'Region', before: 'EU', after: 'APAC' },
      { field: 'Channel', before: 'web', after: 'phone' },
    ]);
  });

  it('makes the delete stamp and its REMOVE one "deleted" entry by the stamp’s writer', () => {
    const entries = buildEntries([
      row('INSERT', 1),
      // deleteOrder: a MODIFY at version + 1 that changes no field, then the REMOVE of it.
      row('MODIFY', 2, { updatedBy: 'admin' }),
      row('REMOVE', 2, { updatedBy: 'admin' }),
    ]);
    expect(entries.map((e) => [e.event, e.version, e.by])).toEqual([
      ['created', 1, 'sales'],
      ['deleted', 2, 'admin'],
    ]);
  });

  it('names no deleter for a REMOVE without a stamp: its image names the last editor', () => {
    const entries = buildEntries([
      row('INSERT', 1),
      row('MODIFY', 2, { updatedBy: 'sales', order: { ...ORDER, status: 'paid' } }),
      row('REMOVE', 2, { updatedBy: 'sales', order: { ...ORDER, status: 'paid' } }),
    ]);
    expect(entries.map((e) => [e.event, e.version, e.by])).toEqual([
      ['created', 1, 'sales'],
      ['edited', 2, 'sales'],
      ['deleted', 2, null],
    ]);
  });

  it('keeps an edit that changed no field, and reads a missing writer as null', () => {
    const entries = buildEntries([
      row('INSERT', 1, { updatedBy: null }),
      row('MODIFY', 2, { updatedBy: null }),
    ]);
    expect(entries.map((e) => [e.event, e.by, e.changes])).toEqual([
      ['created', null, []],
      ['edited', null, []],
    ]);
  });

  it('drops redelivered rows (same event id) and sorts by version and stream order', () => {
    const insert = row('INSERT', 1);
    const edit = row('MODIFY', 2, { order: { ...ORDER, status: 'shipped' } });
    const rows = [edit, insert, { ...edit }, { ...insert, changeTime: '2026-11-21T00:00:00.000Z' }];
    expect(dedupeRows(rows)).toEqual([edit, insert]);
    const entries = buildEntries(rows);
    expect(entries.map((e) => [e.event, e.version, e.at])).toEqual([
      ['created', 1, insert.changeTime],
      ['edited', 2, edit.changeTime],
    ]);
    expect(entries[1]!.changes).toEqual([{ field: 'Status', before: 'pending', after: 'shipped' }]);
  });

  it('answers newest first with the latest version, and says when the log ends in a delete', () => {
    const live = toOrderHistory(
      'id',
      [row('INSERT', 1), row('MODIFY', 2, { order: { ...ORDER, status: 'paid' } })],
      '1 s locally',
    );
    expect(live.entries.map((e) => e.version)).toEqual([2, 1]);
    expect(live).toMatchObject({ latestVersion: 2, deleted: false, bufferLabel: '1 s locally' });

    const gone = toOrderHistory('id', [row('INSERT', 1), row('MODIFY', 2), row('REMOVE', 2)], '1 s locally');
    expect(gone.entries.map((e) => e.event)).toEqual(['deleted', 'created']);
    expect(gone).toMatchObject({ latestVersion: 2, deleted: true });

    expect(toOrderHistory('id', [], '1 s locally')).toMatchObject({
      entries: [],
      latestVersion: null,
      deleted: false,
    });
  });
});

describe('the freshness note', () => {
  it('names the saved version the change log does not have yet, and the buffer', () => {
    expect(freshnessNote(5, history({ latestVersion: 4 }))).toBe(
      'Version 5 is saved but not yet in the change log (Firehose buffers for up to 60 s on AWS).',
    );
    expect(freshnessNote(1, history({ latestVersion: null }))).toBe(
      'Version 1 is saved but not yet in the change log (Firehose buffers for up to 60 s on AWS).',
    );
    expect(isBehind(5, history({ latestVersion: 4 }))).toBe(true);
  });

  it('says nothing when the log has the saved version', () => {
    expect(freshnessNote(4, history({ latestVersion: 4 }))).toBeNull();
    expect(isBehind(4, history({ latestVersion: 4 }))).toBe(false);
  });

  it('points at a newer version in the log than the page shows', () => {
    expect(freshnessNote(3, history({ latestVersion: 4 }))).toBe(
      'The change log has a newer version (4) than this page shows (3); reload to see it.',
    );
    expect(isBehind(3, history({ latestVersion: 4 }))).toBe(false);
  });

  it('for an order gone from DynamoDB: waits for the delete unless the log has it', () => {
    expect(freshnessNote(null, history({ latestVersion: 3 }))).toBe(
      'The delete is saved but not yet in the change log (Firehose buffers for up to 60 s on AWS).',
    );
    expect(isBehind(null, history({ latestVersion: 3 }))).toBe(true);
    expect(freshnessNote(null, history({ latestVersion: 3, deleted: true }))).toBeNull();
    expect(isBehind(null, history({ latestVersion: 3, deleted: true }))).toBe(false);
  });
});

describe('line items as Athena returns them', () => {
  it('reads rows cast to JSON objects, and the legacy cast to arrays in field order', () => {
    expect(parseItemsJson(JSON.stringify([LAPTOP]))).toEqual([LAPTOP]);
    expect(parseItemsJson('[["LAP-13","Laptop 13","Computers",2,129900]]')).toEqual([LAPTOP]);
    expect(parseItemsJson(null)).toEqual([]);
  });
});
