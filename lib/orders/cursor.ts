import { z } from 'zod';
import { ValidationError } from './errors';
import type { Positions } from './merge-partitions';

/**
 * Cursors are opaque to clients: base64url JSON of a scope (the index name and the filters, see
 * listOrders) and, per index partition (the by_date shards), where to resume: after an
 * `[order_date, order_id]` key, or 0 when that partition is done; a partition left out starts
 * from its beginning. The scope is checked on the way back in, so a cursor from another filter is
 * a 400, not a DynamoDB error or a wrong page.
 */
const MAX_PARTITIONS = 32;
const part = z.string().min(1).max(512);
const cursorSchema = z.object({
  i: z.string().min(1),
  p: z
    .record(z.string().max(64), z.union([z.tuple([part, part]), z.literal(0)]))
    .refine((p) => Object.keys(p).length <= MAX_PARTITIONS),
});

/** The index attributes a resume key carries besides the partition attribute. */
const SORT = 'order_date';
const ID = 'order_id';

export function encodeCursor(scope: string, positions: Positions): string {
  const p: Record<string, [string, string] | 0> = {};
  for (const [partition, key] of Object.entries(positions)) p[partition] = key ? [key[SORT]!, key[ID]!] : 0;
  return Buffer.from(JSON.stringify({ i: scope, p })).toString('base64url');
}

/** The positions of a cursor of `expectedScope`, as keys whose partition attribute is `partitionAttr`. */
export function decodeCursor(
  cursor: string,
  expectedScope: string,
  partitionAttr: string,
  partitions: readonly string[],
): Positions {
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
  const positions: Positions = {};
  for (const [partition, at] of Object.entries(result.data.p)) {
    if (!partitions.includes(partition)) throw new ValidationError([{ path: 'cursor', message: 'cursor is not valid' }]);
    positions[partition] = at === 0 ? null : { [partitionAttr]: partition, [SORT]: at[0], [ID]: at[1] };
  }
  return positions;
}
