/**
 * One ordered page out of several DynamoDB partitions that are each sorted by the same key (the
 * shards of the by_date index): a k-way merge that reads each partition lazily, a small chunk at
 * a time, and says where each one should resume. Pure logic over a fetch function, so paging and
 * ordering are unit-tested without DynamoDB.
 */

export type StoreKey = Record<string, string>;

/** Where a partition resumes: after this key, from its start (absent), or nowhere (null: done). */
export type Positions = Record<string, StoreKey | null>;

export type FetchedPage<T> = { items: T[]; lastKey: StoreKey | undefined };
export type PartitionFetcher<T> = (partition: string, startKey: StoreKey | undefined, limit: number) => Promise<FetchedPage<T>>;

export type MergeRequest<T> = {
  partitions: readonly string[];
  /** From the cursor; a partition that is absent starts at its beginning. */
  positions?: Positions;
  limit: number;
  ascending: boolean;
  /** The index's sort key value; ties keep partition order, as DynamoDB orders equal keys its own way. */
  sortValue: (item: T) => string;
  /** The key a partition resumes after once `item` is handed out. */
  keyOf: (item: T, partition: string) => StoreKey;
  /** Items asked for per fetch. */
  chunk: number;
  /** Fetches a partition may make in one call: bounds the reads of a filter that matches little. */
  maxFetchesPerPartition: number;
  /** Drops fetched items after DynamoDB's own filter. */
  keep?: (item: T) => boolean;
};

export type MergedPage<T> = { items: T[]; positions: Positions | undefined };

class Source<T> {
  readonly buffer: T[] = [];
  fetches = 0;
  exhausted: boolean;
  /** Next read starts after this key. */
  private readKey: StoreKey | undefined;
  /** Resuming here re-reads exactly the buffered items. */
  private resumeKey: StoreKey | undefined;

  constructor(
    readonly partition: string,
    position: StoreKey | null | undefined,
    readonly index: number,
  ) {
    this.exhausted = position === null;
    this.readKey = position ?? undefined;
    this.resumeKey = this.readKey;
  }

  get needsFetch() {
    return this.buffer.length === 0 && !this.exhausted;
  }

  async fetch(request: MergeRequest<T>, fetcher: PartitionFetcher<T>) {
    // The buffer is empty: everything before readKey was handed out or filtered away.
    this.resumeKey = this.readKey;
    const page = await fetcher(this.partition, this.readKey, request.chunk);
    this.fetches += 1;
    this.buffer.push(...(request.keep ? page.items.filter(request.keep) : page.items));
    this.readKey = page.lastKey;
    this.exhausted = page.lastKey === undefined;
  }

  private resumeBeforeTake: StoreKey | undefined;

  take(request: MergeRequest<T>): T {
    const item = this.buffer.shift()!;
    this.resumeBeforeTake = this.resumeKey;
    this.resumeKey = request.keyOf(item, this.partition);
    return item;
  }

  /** Undoes the last take (the page's look-ahead item), so the partition resumes before it. */
  giveBack(item: T) {
    this.buffer.unshift(item);
    this.resumeKey = this.resumeBeforeTake;
  }

  position(): StoreKey | null | undefined {
    if (this.buffer.length > 0) return this.resumeKey;
    return this.exhausted ? null : this.readKey;
  }
}

/**
 * Up to `limit` items in order across every partition, and the positions to resume from (none
 * when every partition is done). It reads one item past the page, so a last page never hands out
 * a cursor to an empty one; it stops early, with positions, when a partition's fetch budget ends.
 */
export async function mergePartitions<T>(request: MergeRequest<T>, fetcher: PartitionFetcher<T>): Promise<MergedPage<T>> {
  const sources = request.partitions.map((p, i) => new Source<T>(p, request.positions?.[p], i));
  const before = (a: Source<T>, b: Source<T>) => {
    const x = request.sortValue(a.buffer[0]!);
    const y = request.sortValue(b.buffer[0]!);
    if (x === y) return a.index < b.index;
    return request.ascending ? x < y : x > y;
  };
  const taken: { item: T; source: Source<T> }[] = [];
  while (taken.length <= request.limit) {
    const empty = sources.filter((s) => s.needsFetch);
    if (empty.some((s) => s.fetches >= request.maxFetchesPerPartition)) break;
    if (empty.length > 0) {
      await Promise.all(empty.map((s) => s.fetch(request, fetcher)));
      continue;
    }
    let next: Source<T> | undefined;
    for (const s of sources) if (s.buffer.length > 0 && (!next || before(s, next))) next = s;
    if (!next) break;
    taken.push({ item: next.take(request), source: next });
  }
  if (taken.length > request.limit) {
    // The look-ahead item goes back, so its partition resumes before it.
    const extra = taken.pop()!;
    extra.source.giveBack(extra.item);
  }
  const positions: Positions = {};
  for (const s of sources) {
    const position = s.position();
    if (position !== undefined) positions[s.partition] = position;
  }
  const open = sources.some((s) => s.position() !== null);
  return { items: taken.map((t) => t.item), positions: open ? positions : undefined };
}
