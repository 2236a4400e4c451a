import type { KinesisRecordLike } from '@/lib/feed/decode';
import type { FeedSource, IteratorStart, RecordsPage, ShardInfo } from '@/lib/feed/source';

type FakeShard = { info: ShardInfo; records: Required<KinesisRecordLike>[] };

const awsError = (name: string) => Object.assign(new Error(name), { name });

/**
 * An in-memory FeedSource with Kinesis's iterator semantics, call log, and switches to make the
 * next GetRecords on a shard fail as expired or throttled. Time comes from Date.now (fake timers).
 */
export class FakeKinesis implements FeedSource {
  readonly shards = new Map<string, FakeShard>();
  readonly calls = {
    listShards: 0,
    getIterator: [] as { shardId: string; start: IteratorStart }[],
    getRecords: [] as { shardId: string; at: number }[],
  };
  private readonly iterators = new Map<string, { shardId: string; position: number }>();
  private readonly failNext = new Map<string, string[]>();
  private sequence = 1000;
  private token = 0;

  constructor(shardCount = 2) {
    for (let i = 0; i < shardCount; i++) this.addShard(`shardId-${String(i).padStart(12, '0')}`);
  }

  addShard(shardId: string, parents: string[] = []): void {
    const info: ShardInfo = { shardId, closed: false };
    if (parents[0]) info.parentShardId = parents[0];
    if (parents[1]) info.adjacentParentShardId = parents[1];
    this.shards.set(shardId, { info, records: [] });
  }

  put(shardId: string, data: unknown, partitionKey = 'pk'): string {
    const shard = this.shards.get(shardId)!;
    if (shard.info.closed) throw new Error(`${shardId} is closed`);
    const SequenceNumber = String(++this.sequence);
    shard.records.push({
      SequenceNumber,
      PartitionKey: partitionKey,
      ApproximateArrivalTimestamp: new Date(),
      Data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)),
    });
    return SequenceNumber;
  }

  /** Closes `shardId` and opens children whose parent it is (a split when there are two). */
  split(shardId: string, children: string[]): void {
    this.shards.get(shardId)!.info.closed = true;
    for (const child of children) this.addShard(child, [shardId]);
  }

  /** Closes both shards and opens one child with them as parent and adjacent parent. */
  merge(shardId: string, adjacentId: string, child: string): void {
    this.shards.get(shardId)!.info.closed = true;
    this.shards.get(adjacentId)!.info.closed = true;
    this.addShard(child, [shardId, adjacentId]);
  }

  failNextGetRecords(shardId: string, ...names: string[]): void {
    this.failNext.set(shardId, [...(this.failNext.get(shardId) ?? []), ...names]);
  }

  getRecordsCount(shardId: string, since = 0): number {
    return this.calls.getRecords.filter((c) => c.shardId === shardId && c.at >= since).length;
  }

  async listShards(): Promise<ShardInfo[]> {
    this.calls.listShards++;
    return [...this.shards.values()].map((s) => ({ ...s.info }));
  }

  async getIterator(shardId: string, start: IteratorStart): Promise<string> {
    this.calls.getIterator.push({ shardId, start });
    const { records } = this.shards.get(shardId)!;
    const indexOf = (seq: string) => records.findIndex((r) => r.SequenceNumber === seq);
    const position =
      start.type === 'LATEST'
        ? records.length
        : start.type === 'TRIM_HORIZON'
          ? 0
          : start.type === 'AT_TIMESTAMP'
            ? records.filter((r) => r.ApproximateArrivalTimestamp < start.timestamp).length
            : indexOf(start.sequence) + (start.type === 'AFTER_SEQUENCE_NUMBER' ? 1 : 0);
    return this.issue(shardId, position);
  }

  async getRecords(iterator: string): Promise<RecordsPage> {
    const state = this.iterators.get(iterator);
    if (!state) throw awsError('ExpiredIteratorException');
    this.calls.getRecords.push({ shardId: state.shardId, at: Date.now() });
    const failure = this.failNext.get(state.shardId)?.shift();
    if (failure) throw awsError(failure);
    const shard = this.shards.get(state.shardId)!;
    const records = shard.records.slice(state.position, state.position + 100);
    const position = state.position + records.length;
    if (shard.info.closed && position >= shard.records.length) {
      const children = [...this.shards.values()].filter(
        (s) => s.info.parentShardId === state.shardId || s.info.adjacentParentShardId === state.shardId,
      );
      return { records, nextIterator: undefined, childShardIds: children.map((c) => c.info.shardId) };
    }
    return { records, nextIterator: this.issue(state.shardId, position) };
  }

  private issue(shardId: string, position: number): string {
    const token = `it-${++this.token}`;
    this.iterators.set(token, { shardId, position });
    return token;
  }
}
