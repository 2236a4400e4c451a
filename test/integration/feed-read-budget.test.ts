import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { setKinesisClient } from '@/lib/aws/kinesis';
import { resetConfig } from '@/lib/config';
import type { FeedEvent } from '@/lib/feed/decode';
import { getFeedHub, setFeedHub } from '@/lib/feed/default-hub';
import type { FeedHub } from '@/lib/feed/hub';
import { SharedReadBudget } from '@/lib/feed/read-budget';
import { kinesisSource } from '@/lib/feed/source';
import { feedReadBudgetTable } from '@/lib/resources';
import {
  callsPerShardSecond,
  logGetRecords,
  maxPerShardSecond,
  type GetRecordsCall,
} from '@/scripts/lib/get-records-log';
import { setupFeedStream, SHARD_0, SHARD_1 } from '../support/feed';
import { createAdminClient, provideTestTable } from '../support/orders-table';
import { waitFor } from '../support/wait';

const BUDGET = 4;
const BUDGET_TABLE = 'feed-read-budget-test';
const fixture = setupFeedStream('budget');
const admin = createAdminClient();
provideTestTable(admin, feedReadBudgetTable, BUDGET_TABLE, 'FEED_READ_BUDGET_TABLE_NAME');

/** Each hub its own DynamoDB client, as each ECS task has. */
const clients: DynamoDBDocumentClient[] = [];
function budgetClient(): DynamoDBDocumentClient {
  const client = DynamoDBDocumentClient.from(createAdminClient());
  clients.push(client);
  return client;
}
afterAll(() => clients.forEach((c) => c.destroy()));

const live = { shard: 'all', position: { type: 'LATEST' } } as const;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function viewer(hub: FeedHub) {
  const events: FeedEvent[] = [];
  const subscription = await hub.subscribe(live, (e) => events.push(e));
  return { events, ...subscription };
}

type Viewer = Awaited<ReturnType<typeof viewer>>;

/** Puts `count` records spread over both shards, `gapMs` apart; returns each shard's sequence numbers in order. */
async function putRecords(label: string, count: number, gapMs: number): Promise<Record<string, string[]>> {
  const put: Record<string, string[]> = { [SHARD_0]: [], [SHARD_1]: [] };
  for (let i = 0; i < count; i++) {
    const { shardId, sequenceNumber } = await fixture.put(`${label}-${i}`, i % 2 ? SHARD_1 : SHARD_0);
    put[shardId]!.push(sequenceNumber);
    await sleep(gapMs);
  }
  return put;
}

/** Waits until every viewer holds every record, then checks each shard's records arrived whole and in order. */
async function expectEveryRecord(viewers: Viewer[], put: Record<string, string[]>) {
  const total = Object.values(put).flat().length;
  await waitFor(
    () => viewers.every((v) => v.events.length >= total),
    Boolean,
    20_000,
    'every viewer has every record',
  );
  for (const v of viewers) {
    for (const [shard, sequences] of Object.entries(put)) {
      expect(v.events.filter((e) => e.shardId === shard).map((e) => e.sequenceNumber)).toEqual(sequences);
    }
    expect(v.events).toHaveLength(total);
  }
}

/** Budget items of the fixture's stream from `sinceSecond` on, read straight through the SDK. */
async function budgetItems(sinceSecond: number) {
  const { Items = [] } = await admin.send(new ScanCommand({ TableName: BUDGET_TABLE, ConsistentRead: true }));
  return Items.map(
    (i) => unmarshall(i) as { pk: string; n: number; hubs: Set<string>; expiresAt: number },
  ).filter((i) => i.pk.startsWith(`${fixture.streamName}#`) && Number(i.pk.split('#').at(-1)) >= sinceSecond);
}

/** Stands in for Firehose: one GetRecords per shard in every wall-clock second, half way through it. */
function firehoseStandIn(log: GetRecordsCall[]) {
  const source = logGetRecords(kinesisSource(fixture.kinesis(), fixture.streamName), 'firehose', log);
  let running = true;
  const done = (async () => {
    const iterators = new Map<string, string | undefined>();
    for (const shard of [SHARD_0, SHARD_1])
      iterators.set(shard, await source.getIterator(shard, { type: 'LATEST' }));
    while (running) {
      await sleep(1_500 - (Date.now() % 1000));
      for (const [shard, iterator] of iterators) {
        if (iterator) iterators.set(shard, (await source.getRecords(iterator)).nextIterator);
      }
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

describe('the live feed read budget shared by several hubs (processes)', () => {
  it('keeps three hubs within 4 GetRecords per shard per second in total (5 with Firehose), and every viewer gets every record', async () => {
    const calls: GetRecordsCall[] = [];
    const hubs = ['task-1', 'task-2', 'task-3'].map((hubId) =>
      fixture.hub({
        source: logGetRecords(kinesisSource(fixture.kinesis(), fixture.streamName), hubId, calls),
        readBudget: new SharedReadBudget({
          client: budgetClient(),
          tableName: BUDGET_TABLE,
          streamName: fixture.streamName,
          budget: BUDGET,
          hubId,
        }),
      }),
    );
    const viewers = (await Promise.all(hubs.map((hub) => Promise.all([viewer(hub), viewer(hub)])))).flat();
    const firehose: GetRecordsCall[] = [];
    const stopFirehose = firehoseStandIn(firehose);
    const startSecond = Math.floor(Date.now() / 1000);

    // About 8 records a second for 6 s, over both shards.
    const put = await putRecords('budget', 48, 125);
    await expectEveryRecord(viewers, put);
    await stopFirehose();
    hubs.forEach((h) => h.stop());

    expect(hubs.map((h) => h.stats().readBudget)).toEqual(['shared', 'shared', 'shared']);
    // What reached Kinesis from the three hubs, per shard and wall-clock second.
    expect(calls.length).toBeGreaterThan(0);
    expect(maxPerShardSecond(calls)).toBeLessThanOrEqual(BUDGET);
    expect(firehose.length).toBeGreaterThan(0);
    expect(maxPerShardSecond([...calls, ...firehose])).toBeLessThanOrEqual(5);
    // Every hub read both shards: they shared the budget rather than one taking it all.
    for (const hubId of ['task-1', 'task-2', 'task-3']) {
      for (const shard of [SHARD_0, SHARD_1]) {
        expect(calls.filter((c) => c.reader === hubId && c.shardId === shard).length).toBeGreaterThan(0);
      }
    }
    // The table agrees with what Kinesis saw: no second over budget, and the three hubs on one item.
    const items = await budgetItems(startSecond);
    expect(items.length).toBeGreaterThan(0);
    expect(Math.max(...items.map((i) => i.n))).toBeLessThanOrEqual(BUDGET);
    expect(items.some((i) => i.hubs.size === 3)).toBe(true);
    const seconds = callsPerShardSecond(calls);
    for (const item of items) {
      const [, shard, second] = item.pk.split('#');
      expect(seconds.get(`${shard}@${second}`) ?? 0).toBeLessThanOrEqual(item.n);
    }
  }, 60_000);

  it('with an unreachable budget table falls back to one call per second per shard, logging once', async () => {
    const calls: GetRecordsCall[] = [];
    const logged: string[] = [];
    const hub = fixture.hub({
      source: logGetRecords(kinesisSource(fixture.kinesis(), fixture.streamName), 'alone', calls),
      readBudget: new SharedReadBudget({
        client: budgetClient(),
        tableName: 'feed-read-budget-missing',
        streamName: fixture.streamName,
        budget: BUDGET,
        log: (m) => logged.push(m),
      }),
    });
    const v = await viewer(hub);
    const put = await putRecords('fallback', 6, 250);
    await expectEveryRecord([v], put);
    hub.stop();
    expect(hub.stats().readBudget).toBe('fallback');
    expect(maxPerShardSecond(calls)).toBeLessThanOrEqual(1);
    expect(logged).toEqual([
      'read budget table feed-read-budget-missing failed (ResourceNotFoundException); reading each shard at most once a second in this process until it answers',
    ]);
  });

  it('the default hub keeps its per-process budget when FEED_READ_BUDGET_TABLE_NAME is unset, and shares it when set', async () => {
    process.env.CHANGE_STREAM_NAME = fixture.streamName;
    delete process.env.FEED_READ_BUDGET_TABLE_NAME;
    resetConfig();
    setKinesisClient(undefined);
    setFeedHub(undefined);
    try {
      const startSecond = Math.floor(Date.now() / 1000);
      const unset = getFeedHub();
      expect(unset.stats().readBudget).toBe('process');
      const v = await viewer(unset);
      await expectEveryRecord([v], await putRecords('unset', 6, 100));
      // Read on its own 210 ms gate (at most 5 a second per shard) without a word to the table.
      expect(Math.max(...Object.values(unset.stats().callsPerSecond))).toBeLessThanOrEqual(5);
      v.close();
      setFeedHub(undefined);
      expect(await budgetItems(startSecond)).toEqual([]);

      process.env.FEED_READ_BUDGET_TABLE_NAME = BUDGET_TABLE;
      resetConfig();
      const shared = getFeedHub();
      expect(shared.stats().readBudget).toBe('shared');
      const w = await viewer(shared);
      await expectEveryRecord([w], await putRecords('set', 2, 100));
      const items = await budgetItems(startSecond);
      expect(items.length).toBeGreaterThan(0);
      expect(new Set(items.flatMap((i) => [...i.hubs])).size).toBe(1);
      w.close();
    } finally {
      setFeedHub(undefined);
      delete process.env.CHANGE_STREAM_NAME;
      resetConfig();
    }
  });
});
