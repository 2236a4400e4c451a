import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '@/lib/orders/cursor';
import { ValidationError } from '@/lib/orders/errors';

const key = {
  order_id: '01JABCDEFGHJKMNPQRSTVWXYZ0',
  order_date: '2026-03-10T12:00:00.000Z',
  entity: 'order',
};

function decodeError(cursor: string, index = 'by_date'): ValidationError {
  try {
    decodeCursor(cursor, index);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  }
  throw new Error('decodeCursor accepted the cursor');
}

describe('order list cursors', () => {
  it('round-trips the index key', () => {
    const cursor = encodeCursor('by_date', key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'by_date')).toEqual(key);
  });

  it.each([
    ['not base64 json', '!!!'],
    ['json that is not a cursor', Buffer.from('{"hello":1}').toString('base64url')],
    [
      'a key with a non-string value',
      Buffer.from(JSON.stringify({ i: 'by_date', k: { order_id: 1 } })).toString('base64url'),
    ],
    ['a key with too many attributes', encodeCursor('by_date', { a: '1', b: '2', c: '3', d: '4', e: '5' })],
    ['an empty string', ''],
  ])('rejects %s as a cursor issue', (_label, cursor) => {
    expect(decodeError(cursor).issues).toEqual([{ path: 'cursor', message: 'cursor is not valid' }]);
  });

  it('rejects a cursor from another index', () => {
    const error = decodeError(encodeCursor('by_status', key), 'by_date');
    expect(error.issues).toEqual([{ path: 'cursor', message: expect.stringContaining('different filter') }]);
  });
});
