import { DeleteStreamCommand, PutRecordCommand, type KinesisClient } from '@aws-sdk/client-kinesis';
import { afterAll, beforeAll, inject } from 'vitest';
import type { FeedEvent } from '@/lib/feed/decode';
import { FeedHub, type HubOptions } from '@/lib/feed/hub';
import { kinesisSource } from '@/lib/feed/source';
import { changeStream } from '@/lib/resources';
import { createKinesisClient, ensureKinesisStream } from '@/local/kinesis';
import { storedOrder, streamRecord } from './stream-records';

export const SHARD_0 = 'shardId-000000000000';
export const SHARD_1 = 'shardId-000000000001';
/** Explicit hash keys that land on the first and the last of two shards. */
const HASH_KEY: Record<string, string> = { [SHARD_0]: '0', [SHARD_1]: (2n ** 128n - 1n).toString() };

export type FeedFixture = {
  streamName: string;
  kinesis: () => KinesisClient;
  /** A hub on the fixture's stream; stopped after the file. */
  hub: (options?: Partial<HubOptions>) => FeedHub;
  /** Puts a stream record for `orderId`, on `shard` when given; returns the put's shard and sequence. */
  put: (orderId: string, shard?: string) => Promise<{ shardId: string; sequenceNumber: string }>;
};

/** Gives the calling file its own two-shard Kinesis stream on the run's local endpoint. */
export function setupFeedStream(label: string): FeedFixture {
  const streamName = `${changeStream.name}-feed-${label}`;
  const env = inject('localAwsEnv');
  let kinesis: KinesisClient | undefined;
  const hubs: FeedHub[] = [];

  beforeAll(async () => {
    kinesis = createKinesisClient({
      endpoint: env.AWS_ENDPOINT_URL!,
      region: env.AWS_REGION!,
      credentials: {
        accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
        secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local',
      },
    });
    await ensureKinesisStream(kinesis, { ...changeStream, shardCount: 2 }, streamName);
  });

  afterAll(async () => {
    hubs.forEach((h) => h.stop());
    await kinesis?.send(new DeleteStreamCommand({ StreamName: streamName })).catch(() => undefined);
    kinesis?.destroy();
  });

  return {
    streamName,
    kinesis: () => kinesis!,
    hub(options = {}) {
      const hub = new FeedHub({
        source: kinesisSource(kinesis!, streamName),
        graceMs: 500,
        log: () => undefined,
        ...options,
      });
      hubs.push(hub);
      return hub;
    },
    async put(orderId, shard) {
      const newImage = storedOrder({ order_id: orderId });
      const record = streamRecord({
        eventId: `evt-${orderId}`,
        newImage,
        createdAt: Math.floor(Date.now() / 1000),
      });
      const out = await kinesis!.send(
        new PutRecordCommand({
          StreamName: streamName,
          PartitionKey: orderId,
          Data: Buffer.from(JSON.stringify(record)),
          ...(shard ? { ExplicitHashKey: HASH_KEY[shard] } : {}),
        }),
      );
      return { shardId: out.ShardId!, sequenceNumber: out.SequenceNumber! };
    },
  };
}

/** The order ids a subscriber has received, in arrival order. */
export const orderIds = (events: FeedEvent[]) => events.map((e) => String(e.keys?.order_id));
