/**
 * The live feed with three hubs (by default), as three ECS tasks would run it: each with its own Kinesis and
 * DynamoDB clients and its own gate, sharing one read budget table. The whole local stack runs in
 * this process (pipeline included), orders are written through the orders service, and every
 * GetRecords that leaves a hub is logged. Reports the busiest shard-second, each hub's share and
 * write → viewer latency (DynamoDB write, stream, pipe, Kinesis, hub, subscriber).
 *
 *   npx tsx --conditions=react-server scripts/bench/feed-hubs.ts [--hubs 3] [--seconds 10] [--rate 5]
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setDynamoDbClient } from '../../lib/aws/dynamodb';
import { setKinesisClient } from '../../lib/aws/kinesis';
import { serviceCaller } from '../../lib/auth/roles';
import { getConfig, resetConfig } from '../../lib/config';
import { FeedHub } from '../../lib/feed/hub';
import { SharedReadBudget } from '../../lib/feed/read-budget';
import { kinesisSource } from '../../lib/feed/source';
import { createOrder } from '../../lib/orders/service';
import { createRandom, generateDemoOrder } from '../../local/demo-orders';
import { createKinesisClient } from '../../local/kinesis';
import { startPipeline } from '../../local/pipeline';
import { startLocalAws } from '../../local/stack';
import { logGetRecords, maxPerShardSecond, type GetRecordsCall } from '../lib/get-records-log';
import { runWhenMain } from './cli';
import { percentile, round, summarize, type LatencySummary } from './stats';

export const FEED_HUBS_TARGETS = { get_records_per_shard_per_s: 4 };

export type FeedHubsBench = {
  hubs: number;
  /** FEED_SHARD_READS_PER_SECOND: what all hubs together may call per shard per second. */
  budget_per_shard_per_s: number;
  seconds: number;
  writes: number;
  shards: number;
  /** The most GetRecords any shard got from the three hubs in one wall-clock second. */
  max_get_records_per_shard_per_s: number;
  /** Each hub's GetRecords per shard per second over the window. */
  per_hub_calls_per_shard_per_s: number[];
  mean_per_hub_calls_per_shard_per_s: number;
  /** Order write started → record at a subscriber, over every subscriber of every hub. */
  write_to_viewer_ms: LatencySummary;
  p95_ms: number;
  missing_deliveries: number;
  /** Times a hub found the budget table failing and read at its fallback rate (logged once each). */
  budget_table_failures: string[];
  pass: boolean;
};

const BENCH = serviceCaller('bench');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchmarkFeedHubs(options: {
  hubs?: number;
  seconds: number;
  writesPerSecond: number;
}): Promise<FeedHubsBench> {
  const HUBS = Array.from({ length: options.hubs ?? 3 }, (_, i) => `task-${i + 1}`);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-feed-hubs-'));
  const aws = await startLocalAws({ port: 0, dataDir });
  Object.assign(process.env, aws.env);
  resetConfig();
  setDynamoDbClient(undefined);
  setKinesisClient(undefined);
  const config = getConfig();
  const pipeline = await startPipeline({
    endpoint: aws.endpoint,
    region: aws.region,
    credentials: aws.credentials,
    dataDir,
    log: () => undefined,
  });
  const connection = { endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials };
  const destroyers: (() => void)[] = [];
  const calls: GetRecordsCall[] = [];
  const fallbacks: string[] = [];
  const hubs = HUBS.map((hubId) => {
    const log = (m: string) => {
      if (m.includes('read budget')) fallbacks.push(`${hubId}: ${m}`);
      console.warn(`[feed ${hubId}] ${m}`);
    };
    const kinesis = createKinesisClient(connection);
    const dynamodb = DynamoDBDocumentClient.from(new DynamoDBClient(connection));
    destroyers.push(
      () => kinesis.destroy(),
      () => dynamodb.destroy(),
    );
    return new FeedHub({
      source: logGetRecords(kinesisSource(kinesis, config.changeStreamName), hubId, calls),
      // As under npm start: no pause at the tip, the budget alone paces the reads.
      idlePollMs: 0,
      log,
      readBudget: new SharedReadBudget({
        client: dynamodb,
        tableName: config.feedReadBudgetTableName!,
        streamName: config.changeStreamName,
        budget: config.feedShardReadsPerSecond,
        hubId,
        log,
      }),
    });
  });
  try {
    const arrivals = hubs.map(() => new Map<string, number>());
    await Promise.all(
      hubs.map((hub, i) =>
        hub.subscribe({ shard: 'all', position: { type: 'LATEST' } }, (event) => {
          const id = String(event.keys?.order_id ?? '');
          if (!arrivals[i]!.has(id)) arrivals[i]!.set(id, performance.now());
        }),
      ),
    );
    const random = createRandom(11);
    const written = new Map<string, number>();
    const started = Date.now();
    const gapMs = 1000 / options.writesPerSecond;
    while (Date.now() - started < options.seconds * 1000) {
      const at = performance.now();
      const order = await createOrder(generateDemoOrder(random, new Date(), 30), { by: BENCH });
      written.set(order.order_id, at);
      await sleep(Math.max(0, gapMs - (performance.now() - at)));
    }
    const delivered = () => arrivals.every((seen) => [...written.keys()].every((id) => seen.has(id)));
    const deadline = Date.now() + 15_000;
    while (!delivered() && Date.now() < deadline) await sleep(50);
    const seconds = (Date.now() - started) / 1000;
    hubs.forEach((h) => h.stop());

    const samples = arrivals.flatMap((seen) =>
      [...written].filter(([id]) => seen.has(id)).map(([id, at]) => seen.get(id)! - at),
    );
    const missing = arrivals.reduce(
      (n, seen) => n + [...written.keys()].filter((id) => !seen.has(id)).length,
      0,
    );
    const shards = new Set(calls.map((c) => c.shardId)).size;
    const perHub = HUBS.map((hubId) =>
      round(calls.filter((c) => c.reader === hubId).length / shards / seconds),
    );
    const max = maxPerShardSecond(calls);
    return {
      hubs: hubs.length,
      budget_per_shard_per_s: config.feedShardReadsPerSecond,
      seconds: round(seconds, 1),
      writes: written.size,
      shards,
      max_get_records_per_shard_per_s: max,
      per_hub_calls_per_shard_per_s: perHub,
      mean_per_hub_calls_per_shard_per_s: round(perHub.reduce((a, b) => a + b, 0) / perHub.length),
      write_to_viewer_ms: summarize(samples),
      p95_ms: round(percentile(Float64Array.from(samples).sort(), 95)),
      missing_deliveries: missing,
      budget_table_failures: fallbacks,
      pass: max <= config.feedShardReadsPerSecond && missing === 0,
    };
  } finally {
    hubs.forEach((h) => h.stop());
    destroyers.forEach((destroy) => destroy());
    await pipeline.stop();
    await aws.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, (arg) =>
  benchmarkFeedHubs({
    hubs: Number(arg('hubs', '3')),
    seconds: Number(arg('seconds', '10')),
    writesPerSecond: Number(arg('rate', '5')),
  }),
);
