import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@/lib/orders/cursor';
import { ValidationError } from '@/lib/orders/errors';
import type { Positions } from '@/lib/orders/merge-partitions';

const PARTITIONS = ['order#0', 'order#1', 'order'];
const positions: Positions = {
  'order#0': { entity: 'order#0', order_date: '2026-03-10T12:00:00.000Z', order_id: '01JABCDEFGHJKMNPQRSTVWXYZ0' },
  'order#1': null,
};

const decode = (cursor: string, scope = 'by_date') => decodeCursor(cursor, scope, 'entity', PARTITIONS);

function decodeError(cursor: string, scope = 'by_date'): ValidationError {
  try {
    decode(cursor, scope);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('decodeCursor accepted the cursor');
}

const raw = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('order list cursors', () => {
  it('round-trips each partition position: a key, done, or (left out) from the start', () => {
    const cursor = encodeCursor('by_date', positions);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decode(cursor)).toEqual(positions);
  });

  it('rebuilds keys with the index partition attribute', () => {
    const byStatus = decodeCursor(encodeCursor('by_status', { paid: { status: 'paid', order_date: 'd', order_id: 'i' } }), 'by_status', 'status', ['paid']);
    expect(byStatus).toEqual({ paid: { status: 'paid', order_date: 'd', order_id: 'i' } });
  });

  it.each([
    ['not base64 json', '!!!'],
    ['json that is not a cursor', raw({ hello: 1 })],
    ['a position that is not a key pair', raw({ i: 'by_date', p: { 'order#0': ['only-one'] } })],
    ['a position with a non-string value', raw({ i: 'by_date', p: { 'order#0': [1, 2] } })],
    ['a partition the index does not have', raw({ i: 'by_date', p: { 'order#42': 0 } })],
    ['the old single-key form', raw({ i: 'by_date', k: { order_id: 'x', order_date: 'y', entity: 'order' } })],
    ['too many partitions', raw({ i: 'by_date', p: Object.fromEntries(Array.from({ length: 40 }, (_, n) => [`p${n}`, 0])) })],
    ['an empty string', ''],
  ])('rejects %s as a cursor issue', (_label, cursor) => {
    expect(decodeError(cursor).issues).toEqual([{ path: 'cursor', message: 'cursor is not valid' }]);
  });

  it('rejects a cursor from another index or filter', () => {
    const error = decodeError(encodeCursor('by_status', positions), 'by_date');
    expect(error.issues).toEqual([{ path: 'cursor', message: expect.stringContaining('different filter') }]);
  });
});
