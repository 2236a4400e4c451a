/** The lineage fields that DynamoDB Streams and Kinesis shards share. */
export type ShardLineage = { ShardId?: string; ParentShardId?: string; AdjacentParentShardId?: string };

/**
 * Shards that may be read now, in listing order: not yet finished, and each parent either read to
 * its end or no longer listed (trimmed away). A child before its parent would reorder the changes
 * of one key across a split or a shard rollover.
 */
export function readyShards<T extends ShardLineage>(
  shards: readonly T[],
  isFinished: (shardId: string) => boolean,
): T[] {
  const listed = new Set(shards.map((s) => s.ShardId));
  const parentDone = (id: string | undefined) => !id || !listed.has(id) || isFinished(id);
  return shards.filter(
    (s) =>
      s.ShardId &&
      !isFinished(s.ShardId) &&
      parentDone(s.ParentShardId) &&
      parentDone(s.AdjacentParentShardId),
  );
}
