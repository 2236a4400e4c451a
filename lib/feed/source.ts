import {
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  type KinesisClient,
  type Shard,
} from '@aws-sdk/client-kinesis';
import type { KinesisRecordLike } from './decode';

export type ShardInfo = {
  shardId: string;
  parentShardId?: string;
  adjacentParentShardId?: string;
  /** A closed shard (after a split or merge) has an ending sequence number and gets no new records. */
  closed: boolean;
};

export type IteratorStart =
  | { type: 'LATEST' }
  | { type: 'TRIM_HORIZON' }
  | { type: 'AT_TIMESTAMP'; timestamp: Date }
  | { type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'; sequence: string };

export type RecordsPage = {
  records: KinesisRecordLike[];
  /** Undefined once a closed shard has been read to its end. */
  nextIterator: string | undefined;
  childShardIds?: string[];
};

/** The three Kinesis calls the feed needs; the hub takes this so unit tests can pass a fake. */
export interface FeedSource {
  listShards(): Promise<ShardInfo[]>;
  getIterator(shardId: string, start: IteratorStart): Promise<string>;
  getRecords(iterator: string): Promise<RecordsPage>;
}

const toInfo = (s: Shard): ShardInfo => ({
  shardId: s.ShardId!,
  ...(s.ParentShardId ? { parentShardId: s.ParentShardId } : {}),
  ...(s.AdjacentParentShardId ? { adjacentParentShardId: s.AdjacentParentShardId } : {}),
  closed: Boolean(s.SequenceNumberRange?.EndingSequenceNumber),
});

const AT_TIMESTAMP_WAIT_MS = 1_500;

/** Every shard of the stream, open and closed, across ListShards pages. */
export async function listAllShards(client: KinesisClient, streamName: string): Promise<Shard[]> {
  const shards: Shard[] = [];
  let token: string | undefined;
  do {
    // ListShards refuses StreamName together with NextToken.
    const page = await client.send(
      new ListShardsCommand(token ? { NextToken: token } : { StreamName: streamName }),
    );
    shards.push(...(page.Shards ?? []));
    token = page.NextToken;
  } while (token);
  return shards;
}

/** FeedSource over the real SDK client. */
export function kinesisSource(client: KinesisClient, streamName: string): FeedSource {
  return {
    async listShards() {
      return (await listAllShards(client, streamName)).map(toInfo);
    },
    async getIterator(shardId, start) {
      const command = (type: IteratorStart['type']) =>
        new GetShardIteratorCommand({
          StreamName: streamName,
          ShardId: shardId,
          ShardIteratorType: type,
          ...(start.type === 'AT_TIMESTAMP' && type === 'AT_TIMESTAMP' ? { Timestamp: start.timestamp } : {}),
          ...('sequence' in start ? { StartingSequenceNumber: start.sequence } : {}),
        });
      let out;
      if (start.type === 'AT_TIMESTAMP') {
        // kinesalite never answers AT_TIMESTAMP on a shard with no record at or after the
        // timestamp. Past a short wait, read from TRIM_HORIZON instead; the reader drops records
        // older than the timestamp, so the result is the same (only slower), on AWS too.
        try {
          out = await client.send(command('AT_TIMESTAMP'), {
            abortSignal: AbortSignal.timeout(AT_TIMESTAMP_WAIT_MS),
          });
        } catch (error) {
          if (errorName(error) !== 'AbortError' && errorName(error) !== 'TimeoutError') throw error;
          out = await client.send(command('TRIM_HORIZON'));
        }
      } else out = await client.send(command(start.type));
      if (!out.ShardIterator) throw new Error(`No iterator for ${shardId}`);
      return out.ShardIterator;
    },
    async getRecords(iterator) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1_000 }));
      return {
        records: page.Records ?? [],
        nextIterator: page.NextShardIterator,
        ...(page.ChildShards ? { childShardIds: page.ChildShards.map((c) => c.ShardId!) } : {}),
      };
    },
  };
}

/** SDK errors carry the AWS error code as their name; fakes only need to set `name`. */
export const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name ?? '';
