import { describe, expect, it } from 'vitest';
import { mergePartitions, type MergeRequest, type PartitionFetcher, type Positions, type StoreKey } from '@/lib/orders/merge-partitions';
import { createRandom } from '@/local/demo-orders';

type Item = { id: string; date: string; partition: string };

/**
 * A stand-in for one GSI: each partition sorted by date (ties by id), read after an exclusive
 * start key with a Limit, and, like DynamoDB, a LastEvaluatedKey whenever the Limit was reached.
 */
function fakeIndex(items: Item[]) {
  const byPartition = new Map<string, Item[]>();
  for (const item of items) byPartition.set(item.partition, [...(byPartition.get(item.partition) ?? []), item]);
  let reads = 0;
  let calls = 0;
  const order = (a: Item, b: Item) => (a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date < b.date ? -1 : 1);
  const fetcher = (ascending: boolean): PartitionFetcher<Item> => async (partition, startKey, limit) => {
    calls++;
    const sorted = [...(byPartition.get(partition) ?? [])].sort(order);
    if (!ascending) sorted.reverse();
    const from = startKey ? sorted.findIndex((i) => i.id === startKey.id) + 1 : 0;
    const page = sorted.slice(from, from + limit);
    reads += page.length;
    const last = page.at(-1);
    return { items: page, lastKey: page.length === limit && last ? keyOf(last) : undefined };
  };
  return { fetcher, stats: () => ({ reads, calls }) };
}

const keyOf = (item: Item): StoreKey => ({ id: item.id, date: item.date });

function dataset(seed: number, count: number, partitions: string[], skew = false): Item[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, n) => {
    // Few distinct dates, so equal sort keys across and within partitions are common.
    const day = 1 + Math.floor(random() * 20);
    const p = skew && random() < 0.7 ? partitions[0]! : partitions[Math.floor(random() * partitions.length)]!;
    return { id: `id-${String(n).padStart(6, '0')}`, date: `2026-04-${String(day).padStart(2, '0')}`, partition: p };
  });
}

const PARTITIONS = ['order#0', 'order#1', 'order#2', 'order#3', 'order#4', 'order#5', 'order#6', 'order#7', 'order'];

function request(limit: number, ascending: boolean, positions?: Positions, extra: Partial<MergeRequest<Item>> = {}): MergeRequest<Item> {
  return {
    partitions: PARTITIONS,
    positions,
    limit,
    ascending,
    sortValue: (i) => i.date,
    keyOf: (i) => keyOf(i),
    chunk: Math.ceil((limit + 1) / PARTITIONS.length) + 2,
    maxFetchesPerPartition: Number.MAX_SAFE_INTEGER,
    ...extra,
  };
}

async function pageThrough(items: Item[], limit: number, ascending: boolean, extra: Partial<MergeRequest<Item>> = {}) {
  const index = fakeIndex(items);
  const pages: Item[][] = [];
  let positions: Positions | undefined;
  do {
    // The positions go through a JSON round trip, as they do inside a cursor.
    const page = await mergePartitions(request(limit, ascending, positions, extra), index.fetcher(ascending));
    pages.push(page.items);
    positions = page.positions ? (JSON.parse(JSON.stringify(page.positions)) as Positions) : undefined;
    expect(pages.length).toBeLessThan(10_000);
  } while (positions);
  return { pages, ...index.stats() };
}

describe('merging the by_date shards into one ordered page', () => {
  for (const [label, skew] of [['evenly spread', false], ['skewed onto one shard', true]] as const) {
    for (const ascending of [true, false]) {
      for (const limit of [1, 7, 25, 50]) {
        it(`pages ${label} orders ${ascending ? 'oldest' : 'newest'} first, ${limit} a page: each once, in order`, async () => {
          const items = dataset(limit, 600, PARTITIONS, skew);
          const { pages } = await pageThrough(items, limit, ascending);
          const all = pages.flat();
          expect(all.map((i) => i.id).sort()).toEqual(items.map((i) => i.id).sort());
          const dates = all.map((i) => i.date);
          expect(dates).toEqual([...dates].sort((a, b) => (ascending ? a.localeCompare(b) : b.localeCompare(a))));
          // Full pages until the last, which is never empty: no cursor leads to an empty page.
          for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
          expect(pages.at(-1)!.length).toBeGreaterThan(0);
        });
      }
    }
  }

  it('reads about one page of items per page, not one page per shard', async () => {
    const items = dataset(3, 5_000, PARTITIONS);
    const index = fakeIndex(items);
    const page = await mergePartitions(request(50, false), index.fetcher(false));
    expect(page.items).toHaveLength(50);
    // Each shard is left holding at most one chunk it did not hand out: 51 (with the look-ahead)
    // plus 9 chunks of 8, where reading a full page from every shard would be 9 × 51 = 459.
    expect(index.stats().reads).toBeLessThanOrEqual(51 + PARTITIONS.length * 8);
  });

  it('answers an empty index with no items and no cursor', async () => {
    const page = await mergePartitions(request(10, true), fakeIndex([]).fetcher(true));
    expect(page).toEqual({ items: [], positions: undefined });
  });

  it('resumes only the shards that are not done', async () => {
    const items = dataset(5, 30, ['order#0', 'order#1']);
    const index = fakeIndex(items);
    const first = await mergePartitions(request(10, true), index.fetcher(true));
    for (const p of PARTITIONS.slice(2)) expect(first.positions?.[p]).toBeNull();
    const before = index.stats().calls;
    await mergePartitions(request(10, true, first.positions), index.fetcher(true));
    // Only the two shards with orders are read again.
    expect(index.stats().calls - before).toBeLessThanOrEqual(2 * 3);
    expect(index.stats().calls - before).toBeGreaterThanOrEqual(2);
  });

  it('keeps order under a filter that matches little, stopping at its read budget with a cursor', async () => {
    const items = dataset(9, 3_000, PARTITIONS);
    const keep = (i: Item) => i.id.endsWith('7');
    const { pages } = await pageThrough(items, 20, true, { keep, chunk: 5, maxFetchesPerPartition: 2 });
    const all = pages.flat();
    expect(all.map((i) => i.id).sort()).toEqual(items.filter(keep).map((i) => i.id).sort());
    const dates = all.map((i) => i.date);
    expect(dates).toEqual([...dates].sort());
    // The budget cut pages short (some below 20) rather than reading on.
    expect(pages.slice(0, -1).some((p) => p.length < 20)).toBe(true);
  });
});
