import { GetRecordsCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { streamRecordSchema } from '@/lib/cdc/stream-record';
import { decodeRecord, type KinesisRecordLike } from '@/lib/feed/decode';
import { sleep } from '@/lib/feed/gate';
import { errorName, kinesisSource, listAllShards, type IteratorStart } from '@/lib/feed/source';
import { shardsForKey, type ShardRange } from './shard-for-key';

/** One Kinesis record of the order: where it sits, and the stream record the pipe put in it. */
export type KinesisHit = {
  shardId: string;
  sequenceNumber: string;
  arrivalTime: string | null;
  eventID: string | null;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' | null;
  /** The DynamoDB stream record's own sequence number. */
  streamSequenceNumber: string | null;
  /** ApproximateCreationDateTime of the stream record. */
  changeTime: string | null;
  version: number | null;
  updatedAt: string | null;
  totalCents: number | null;
  currency: string | null;
  /** Who made the change (a REMOVE carries it in its old image). */
  updatedBy: string | null;
  /** Set when the record is not a readable stream record (it will fail in Firehose too). */
  error?: string;
};

export type KinesisHistory = {
  hits: KinesisHit[];
  shards: string[];
  recordsScanned: number;
  truncated: boolean;
};

/** The Kinesis calls a trace makes; tests pass a fake. */
export interface TraceKinesis {
  listShards(): Promise<ShardRange[]>;
  getIterator(shardId: string, start: IteratorStart): Promise<string>;
  /** `shardId` is the iterator's shard: each call takes a turn from that shard's read budget. */
  getRecords(
    iterator: string,
    shardId: string,
  ): Promise<{ records: KinesisRecordLike[]; nextIterator: string | undefined; millisBehindLatest?: number }>;
}

/**
 * `acquireRead` waits for a turn in the shard's GetRecords budget, the one the live feed's hubs
 * share (every task together stays within Kinesis's 5 reads/s per shard); without it, the trace's
 * paging would spend the budget Firehose and the feed rely on.
 */
export function kinesisForTrace(
  client: KinesisClient,
  streamName: string,
  acquireRead: (shardId: string) => Promise<boolean> = async () => true,
): TraceKinesis {
  // getIterator carries the feed's AT_TIMESTAMP workaround for kinesalite (see lib/feed/source.ts).
  const source = kinesisSource(client, streamName);
  return {
    async listShards() {
      return (await listAllShards(client, streamName)).map((s): ShardRange => ({
        shardId: s.ShardId!,
        startingHashKey: s.HashKeyRange?.StartingHashKey ?? '0',
        endingHashKey: s.HashKeyRange?.EndingHashKey ?? '0',
        ...(s.ParentShardId ? { parentShardId: s.ParentShardId } : {}),
        ...(s.AdjacentParentShardId ? { adjacentParentShardId: s.AdjacentParentShardId } : {}),
        closed: Boolean(s.SequenceNumberRange?.EndingSequenceNumber),
      }));
    },
    getIterator: (shardId, start) => source.getIterator(shardId, start),
    async getRecords(iterator, shardId) {
      await acquireRead(shardId);
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1_000 }));
      return {
        records: page.Records ?? [],
        nextIterator: page.NextShardIterator,
        millisBehindLatest: page.MillisBehindLatest,
      };
    },
  };
}

const asNumber = (value: unknown) =>
  typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : null;
const asString = (value: unknown) => (typeof value === 'string' ? value : null);

export function toHit(shardId: string, record: KinesisRecordLike): KinesisHit {
  const event = decodeRecord(shardId, record);
  const image = event.newImage ?? event.oldImage;
  let streamSequenceNumber: string | null = null;
  try {
    const parsed = streamRecordSchema.safeParse(
      JSON.parse(Buffer.from(record.Data ?? new Uint8Array()).toString('utf8')),
    );
    if (parsed.success) streamSequenceNumber = parsed.data.dynamodb.SequenceNumber;
  } catch {
    // decodeRecord already reported it as not JSON.
  }
  return {
    shardId,
    sequenceNumber: event.sequenceNumber,
    arrivalTime: event.arrivalTime,
    eventID: event.eventID,
    eventName: event.eventName,
    streamSequenceNumber,
    changeTime: event.changeTime,
    version: asNumber(image?.version),
    updatedAt: asString(event.newImage?.updated_at),
    totalCents: asNumber(image?.total_cents),
    currency: asString(image?.currency),
    updatedBy: asString(image?.updated_by),
    ...(event.error ? { error: event.error } : {}),
  };
}

export type ReadHistoryOptions = {
  /** Read from here (AT_TIMESTAMP): a little before the order was created. */
  since: Date;
  /** Records read at most, across shards, before the scan reports itself truncated. */
  maxRecords?: number;
  /** Wall-clock budget for the whole scan. */
  budgetMs?: number;
};

/**
 * The order's records on Kinesis: the shards its key hashes to (and their closed parents), read
 * from `since` to the tip, keeping records whose partition key is the order id. Bounded in
 * records and time; a bounded scan says so.
 */
export async function readKinesisHistory(
  kinesis: TraceKinesis,
  orderId: string,
  options: ReadHistoryOptions,
): Promise<KinesisHistory> {
  const maxRecords = options.maxRecords ?? 50_000;
  const deadline = Date.now() + (options.budgetMs ?? 6_000);
  const shards = shardsForKey(await kinesis.listShards(), orderId);
  const since = options.since.getTime();
  const hits: KinesisHit[] = [];
  let scanned = 0;
  let truncated = false;
  for (const shard of shards) {
    let iterator: string | undefined = await kinesis.getIterator(shard.shardId, {
      type: 'AT_TIMESTAMP',
      timestamp: options.since,
    });
    let backoff = 100;
    while (iterator) {
      if (scanned >= maxRecords || Date.now() >= deadline) {
        truncated = true;
        break;
      }
      let page;
      try {
        page = await kinesis.getRecords(iterator, shard.shardId);
      } catch (error) {
        // Another reader used this shard's 5 reads/s: wait and retry within the budget.
        if (errorName(error) !== 'ProvisionedThroughputExceededException') throw error;
        await sleep(backoff);
        backoff = Math.min(backoff * 2, 1_000);
        continue;
      }
      scanned += page.records.length;
      for (const record of page.records) {
        if (record.PartitionKey !== orderId) continue;
        // An AT_TIMESTAMP start may have been served from TRIM_HORIZON (kinesalite).
        const arrival = record.ApproximateArrivalTimestamp?.getTime();
        if (arrival !== undefined && arrival < since) continue;
        hits.push(toHit(shard.shardId, record));
      }
      iterator = page.nextIterator;
      const atTip = page.records.length === 0 && (page.millisBehindLatest ?? 0) === 0;
      if (atTip) break;
    }
  }
  return { hits, shards: shards.map((s) => s.shardId), recordsScanned: scanned, truncated };
}
