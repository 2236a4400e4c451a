import { z } from 'zod';
import { ValidationError } from './errors';
import type { StoreKey } from './repository';

/**
 * Cursors are opaque to clients: base64url JSON of a scope (the index name and the filters, see
 * listOrders) and the DynamoDB key to resume after. The scope is checked on the way back in, so a
 * cursor from another filter is a 400, not a DynamoDB error or a wrong page.
 */
const cursorSchema = z.object({
  i: z.string().min(1),
  k: z.record(z.string(), z.string().max(512)).refine((k) => Object.keys(k).length <= 4),
});

export function encodeCursor(scope: string, key: StoreKey): string {
  return Buffer.from(JSON.stringify({ i: scope, k: key })).toString('base64url');
}

export function decodeCursor(cursor: string, expectedScope: string): StoreKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const result = cursorSchema.safeParse(parsed);
  if (!result.success) throw new ValidationError([{ path: 'cursor', message: 'cursor is not valid' }]);
  if (result.data.i !== expectedScope) {
    throw new ValidationError([{ path: 'cursor', message: 'cursor belongs to a different filter; start from the first page' }]);
  }
  return result.data.k;
}
