import { createHash } from 'node:crypto';

/**
 * Kinesis maps a partition key to a shard by MD5: the 128-bit digest, read as an unsigned
 * big-endian integer, falls in exactly one open shard's [StartingHashKey, EndingHashKey]. Closed
 * shards (parents after a reshard) keep their range, so older records of the key are found there.
 */

export type ShardRange = {
  shardId: string;
  startingHashKey: string;
  endingHashKey: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
  closed: boolean;
};

export function hashKeyOf(partitionKey: string): bigint {
  const digest = createHash('md5').update(partitionKey, 'utf8').digest('hex');
  return BigInt(`0x${digest}`);
}

export function coversHashKey(shard: Pick<ShardRange, 'startingHashKey' | 'endingHashKey'>, hash: bigint): boolean {
  return BigInt(shard.startingHashKey) <= hash && hash <= BigInt(shard.endingHashKey);
}

/**
 * Every shard that can hold records of the key, parents before children, so reading them in
 * order yields the key's records in write order.
 */
export function shardsForKey(shards: readonly ShardRange[], partitionKey: string): ShardRange[] {
  const hash = hashKeyOf(partitionKey);
  const covering = shards.filter((s) => coversHashKey(s, hash));
  const ids = new Set(covering.map((s) => s.shardId));
  const depth = (shard: ShardRange, seen = new Set<string>()): number => {
    const parent = [shard.parentShardId, shard.adjacentParentShardId].find((p) => p && ids.has(p) && !seen.has(p));
    if (!parent) return 0;
    seen.add(shard.shardId);
    return 1 + depth(covering.find((s) => s.shardId === parent)!, seen);
  };
  return covering
    .map((shard) => ({ shard, depth: depth(shard) }))
    .sort((a, b) => a.depth - b.depth || a.shard.shardId.localeCompare(b.shard.shardId))
    .map((entry) => entry.shard);
}
