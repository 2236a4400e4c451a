import { describe, expect, it } from 'vitest';
import type { KinesisRecordLike } from '@/lib/feed/decode';
import type { KinesisClient } from '@aws-sdk/client-kinesis';
import { kinesisForTrace, readKinesisHistory, type TraceKinesis } from '@/lib/trace/kinesis-history';
import { hashKeyOf, type ShardRange } from '@/lib/trace/shard-for-key';
import { storedOrder, streamRecord } from '@/test/support/stream-records';

const HALF = 1n << 127n;
const MAX = (1n << 128n) - 1n;
const ORDER = '01JD0000000000000000000001';
const OTHER = '01JD0000000000000000000002';
const SHARDS: ShardRange[] = [
  {
    shardId: 'shardId-000000000000',
    startingHashKey: '0',
    endingHashKey: (HALF - 1n).toString(),
    closed: false,
  },
  {
    shardId: 'shardId-000000000001',
    startingHashKey: HALF.toString(),
    endingHashKey: MAX.toString(),
    closed: false,
  },
];
const home = SHARDS.find(
  (s) => BigInt(s.startingHashKey) <= hashKeyOf(ORDER) && hashKeyOf(ORDER) <= BigInt(s.endingHashKey),
)!;

/** Shards as arrays of records; each GetRecords returns `pageSize` records, then an empty page at the tip. */
function fakeKinesis(records: Record<string, KinesisRecordLike[]>, pageSize = 2, throttleFirst = 0) {
  const calls = { getRecords: [] as string[] };
  let throttles = throttleFirst;
  const api: TraceKinesis = {
    listShards: async () => SHARDS,
    getIterator: async (shardId) => `${shardId}|0`,
    async getRecords(iterator, shardOfIterator) {
      expect(iterator.startsWith(`${shardOfIterator}|`)).toBe(true);
      if (throttles-- > 0)
        throw Object.assign(new Error('slow down'), { name: 'ProvisionedThroughputExceededException' });
      const [shardId, at] = iterator.split('|') as [string, string];
      calls.getRecords.push(shardId);
      const all = records[shardId] ?? [];
      const page = all.slice(Number(at), Number(at) + pageSize);
      return { records: page, nextIterator: `${shardId}|${Number(at) + page.length}`, millisBehindLatest: 0 };
    },
  };
  return { api, calls };
}

let sequence = 0;
const record = (partitionKey: string, arrival: string, data: unknown): KinesisRecordLike => ({
  SequenceNumber: String(++sequence).padStart(20, '0'),
  PartitionKey: partitionKey,
  ApproximateArrivalTimestamp: new Date(arrival),
  Data: Buffer.from(typeof data === 'string' ? data : JSON.stringify(data)),
});

const insert = streamRecord({
  eventId: 'ev-1',
  newImage: storedOrder({ order_id: ORDER, total_cents: 259_800 }),
});
const modify = streamRecord({
  eventName: 'MODIFY',
  eventId: 'ev-2',
  sequenceNumber: '100000000000000000002',
  oldImage: storedOrder({ order_id: ORDER }),
  newImage: storedOrder({ order_id: ORDER, version: 2, updated_at: '2026-03-10T12:00:05.000Z' }),
});

describe('reading an order’s Kinesis history', () => {
  it('reads only the shard its key hashes to, keeps its records from `since`, and decodes them', async () => {
    const { api, calls } = fakeKinesis({
      [home.shardId]: [
        record(ORDER, '2026-03-10T11:00:00.000Z', insert),
        record(OTHER, '2026-03-10T12:00:00.500Z', insert),
        record(ORDER, '2026-03-10T12:00:01.000Z', insert),
        record(ORDER, '2026-03-10T12:00:06.000Z', modify),
      ],
    });
    const history = await readKinesisHistory(api, ORDER, { since: new Date('2026-03-10T11:59:55.000Z') });
    expect(new Set(calls.getRecords)).toEqual(new Set([home.shardId]));
    expect(history).toMatchObject({ shards: [home.shardId], recordsScanned: 4, truncated: false });
    expect(
      history.hits.map((h) => [h.eventID, h.eventName, h.version, h.streamSequenceNumber, h.shardId]),
    ).toEqual([
      ['ev-1', 'INSERT', 1, '100000000000000000001', home.shardId],
      ['ev-2', 'MODIFY', 2, '100000000000000000002', home.shardId],
    ]);
    expect(history.hits[1]).toMatchObject({
      updatedAt: '2026-03-10T12:00:05.000Z',
      arrivalTime: '2026-03-10T12:00:06.000Z',
    });
  });

  it('stops at its record budget and says the scan was truncated', async () => {
    const many = Array.from({ length: 10 }, () => record(OTHER, '2026-03-10T12:00:01.000Z', insert));
    const { api } = fakeKinesis({
      [home.shardId]: [...many, record(ORDER, '2026-03-10T12:00:02.000Z', insert)],
    });
    const history = await readKinesisHistory(api, ORDER, {
      since: new Date('2026-03-10T12:00:00.000Z'),
      maxRecords: 4,
    });
    expect(history.truncated).toBe(true);
    expect(history.recordsScanned).toBe(4);
    expect(history.hits).toEqual([]);
  });

  it('waits out throttling instead of failing', async () => {
    const { api } = fakeKinesis(
      { [home.shardId]: [record(ORDER, '2026-03-10T12:00:01.000Z', insert)] },
      2,
      2,
    );
    const history = await readKinesisHistory(api, ORDER, { since: new Date('2026-03-10T12:00:00.000Z') });
    expect(history.hits.map((h) => h.eventID)).toEqual(['ev-1']);
  });

  it('reports a record of the order that is not a stream record instead of dropping it', async () => {
    const { api } = fakeKinesis({ [home.shardId]: [record(ORDER, '2026-03-10T12:00:01.000Z', 'not json')] });
    const history = await readKinesisHistory(api, ORDER, { since: new Date('2026-03-10T12:00:00.000Z') });
    expect(history.hits).toHaveLength(1);
    expect(history.hits[0]).toMatchObject({ eventID: null, error: 'The record is not JSON' });
  });
});

describe("the trace's Kinesis calls", () => {
  it("take a turn from the shard's read budget before every GetRecords, the one the feed shares", async () => {
    const order: string[] = [];
    const client = {
      send: async (command: { constructor: { name: string } }) => {
        order.push(command.constructor.name);
        return { Records: [], NextShardIterator: undefined, MillisBehindLatest: 0 };
      },
    } as unknown as KinesisClient;
    const kinesis = kinesisForTrace(client, 'order-changes', async (shardId) => {
      order.push(`turn:${shardId}`);
      return true;
    });
    await kinesis.getRecords('it-1', 'shardId-000000000001');
    await kinesis.getRecords('it-2', 'shardId-000000000000');
    expect(order).toEqual([
      'turn:shardId-000000000001',
      'GetRecordsCommand',
      'turn:shardId-000000000000',
      'GetRecordsCommand',
    ]);
  });
});
