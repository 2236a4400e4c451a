import type { FeedSource } from '@/lib/feed/source';

/** One GetRecords call as it left for Kinesis: who made it, on which shard, when (Date.now()). */
export type GetRecordsCall = { reader: string; shardId: string; at: number };

/**
 * Wraps a FeedSource so every GetRecords it passes on is logged. An iterator is opaque, so the
 * wrapper remembers which shard each iterator it handed out (or was handed back) belongs to.
 */
export function logGetRecords(source: FeedSource, reader: string, log: GetRecordsCall[]): FeedSource {
  const shardOf = new Map<string, string>();
  return {
    listShards: () => source.listShards(),
    async getIterator(shardId, start) {
      const iterator = await source.getIterator(shardId, start);
      shardOf.set(iterator, shardId);
      return iterator;
    },
    async getRecords(iterator) {
      const shardId = shardOf.get(iterator) ?? 'unknown';
      log.push({ reader, shardId, at: Date.now() });
      const page = await source.getRecords(iterator);
      // Kept until it succeeds: a throttled call is retried with the same iterator.
      shardOf.delete(iterator);
      if (page.nextIterator) shardOf.set(page.nextIterator, shardId);
      return page;
    },
  };
}

/** Calls per shard in each wall-clock second, keyed `shardId@epochSecond`. */
export function callsPerShardSecond(calls: GetRecordsCall[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) {
    const key = `${call.shardId}@${Math.floor(call.at / 1000)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The most calls any shard saw in one wall-clock second (0 for none). */
export const maxPerShardSecond = (calls: GetRecordsCall[]) =>
  Math.max(0, ...callsPerShardSecond(calls).values());
