import type { FeedItem } from './feed-model';

export const WINDOW_SECONDS = 60;

export type ShardThroughput = {
  shardId: string;
  /** Records per second, oldest second first, WINDOW_SECONDS long; the last bucket is the current second. */
  buckets: number[];
  /** Records per second over the last 10 full seconds. */
  rate: number;
  total: number;
};

/**
 * Counts arrivals per shard per second over the last WINDOW_SECONDS, by the browser's receive
 * time. `items` may come in any order; older arrivals are ignored. Shards in `shardIds` always
 * get a row, so an idle shard shows as a flat line instead of disappearing.
 */
export function bucketThroughput(items: FeedItem[], now: number, shardIds: string[] = []): ShardThroughput[] {
  const nowSecond = Math.floor(now / 1000);
  const first = nowSecond - WINDOW_SECONDS + 1;
  const byShard = new Map<string, number[]>();
  for (const id of shardIds) byShard.set(id, new Array<number>(WINDOW_SECONDS).fill(0));
  for (const item of items) {
    const second = Math.floor(item.receivedAt / 1000);
    if (second < first || second > nowSecond) continue;
    const shard = item.event.shardId;
    let buckets = byShard.get(shard);
    if (!buckets) byShard.set(shard, (buckets = new Array<number>(WINDOW_SECONDS).fill(0)));
    buckets[second - first]! += 1;
  }
  return [...byShard]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([shardId, buckets]) => {
      const recent = buckets.slice(-11, -1);
      return {
        shardId,
        buckets,
        rate: recent.reduce((s, n) => s + n, 0) / recent.length,
        total: buckets.reduce((s, n) => s + n, 0),
      };
    });
}

/** SVG polyline points for a sparkline of `values` in a width × height box (y grows downwards). */
export function sparklinePoints(values: number[], width: number, height: number): string {
  if (values.length === 0) return '';
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values.map((v, i) => `${round(i * step)},${round(height - 1 - (v / max) * (height - 2))}`).join(' ');
}

const round = (n: number) => Math.round(n * 10) / 10;
