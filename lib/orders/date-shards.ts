import { createHash } from 'node:crypto';

/**
 * The by_date index's partition key is sharded: one GSI partition takes about 1,000 writes/s on
 * AWS, so a single constant key would cap the whole table there. Each order lives under
 * `order#<n>`, with n fixed by its id, and listing by date reads every shard and merges them.
 *
 * The count is part of the stored data: changing it moves no existing item, so orders would be
 * listed under a shard nobody reads. Raise it only with a re-keying backfill.
 */
export const DATE_SHARDS = 8;

/** What orders written before sharding carry; still read, until an edit moves them to a shard. */
export const LEGACY_ORDER_ENTITY = 'order';

const SHARD_PREFIX = `${LEGACY_ORDER_ENTITY}#`;

/** The shard of one order: a stable hash of its id, so every write of it lands on one key. */
export function dateShardOf(orderId: string): string {
  const digest = createHash('sha1').update(orderId).digest();
  return `${SHARD_PREFIX}${digest.readUInt32BE(0) % DATE_SHARDS}`;
}

/** Every by_date partition a full listing reads: the shards, then the legacy key. */
export const DATE_PARTITIONS: readonly string[] = [
  ...Array.from({ length: DATE_SHARDS }, (_, n) => `${SHARD_PREFIX}${n}`),
  LEGACY_ORDER_ENTITY,
];

/** True for the `entity` of an order item, sharded or legacy. */
export function isOrderEntity(value: unknown): boolean {
  return typeof value === 'string' && DATE_PARTITIONS.includes(value);
}
