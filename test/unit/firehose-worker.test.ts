import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  ProvisionedThroughputExceededException,
} from '@aws-sdk/client-kinesis';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createFirehoseWorker,
  type FirehoseWorker,
  type FirehoseWorkerOptions,
} from '@/local/firehose-worker';
import { readParquetBody } from '../support/parquet';
import { streamRecord } from '../support/stream-records';
import { waitFor } from '../support/wait';

/** One shard holding `count` change records; GetRecords serves from the iterator's position. */
function fakeKinesis(count: number, { throttleFirstReads = 0 } = {}) {
  const records = Array.from({ length: count }, (_, i) => ({
    SequenceNumber: String(1_000 + i),
    PartitionKey: `order-${i}`,
    Data: Buffer.from(JSON.stringify(streamRecord({ eventId: `e${i}`, sequenceNumber: String(100 + i) }))),
    ApproximateArrivalTimestamp: new Date(),
  }));
  let throttled = 0;
  const client = {
    async send(command: unknown): Promise<unknown> {
      if (command instanceof DescribeStreamSummaryCommand)
        return { StreamDescriptionSummary: { StreamARN: 'arn:aws:kinesis:us-east-1:000000000000:stream/s' } };
      if (command instanceof ListShardsCommand) return { Shards: [{ ShardId: 'shardId-000000000000' }] };
      if (command instanceof GetShardIteratorCommand) {
        const after = command.input.StartingSequenceNumber;
        return {
          ShardIterator: `pos:${after ? records.findIndex((r) => r.SequenceNumber === after) + 1 : 0}`,
        };
      }
      if (command instanceof GetRecordsCommand) {
        if (throttled++ < throttleFirstReads)
          throw new ProvisionedThroughputExceededException({ message: 'Rate exceeded', $metadata: {} });
        const position = Number(command.input.ShardIterator!.split(':')[1]);
        return {
          Records: records.slice(position),
          NextShardIterator: `pos:${records.length}`,
          MillisBehindLatest: 0,
        };
      }
      throw new Error(`unexpected command ${String(command)}`);
    },
  };
  return client as unknown as FirehoseWorkerOptions['kinesis'];
}

let dataDir: string;
const workers: FirehoseWorker[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'firehose-worker-test-'));
});
afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await rm(dataDir, { recursive: true, force: true });
});

function worker(options: Partial<FirehoseWorkerOptions> & Pick<FirehoseWorkerOptions, 'kinesis'>) {
  const created = createFirehoseWorker({
    streamName: 's',
    dataDir,
    region: 'us-east-1',
    buffering: { sizeBytes: 1024 * 1024, intervalMs: 30 },
    retryBaseDelayMs: 1,
    ...options,
  });
  workers.push(created);
  return created;
}

const checkpointOf = async () =>
  JSON.parse(await readFile(path.join(dataDir, 'firehose', 'checkpoint.json'), 'utf8')).shards[
    's#shardId-000000000000'
  ];

describe('firehose worker', () => {
  it('retries a failed object write and checkpoints the shard only once the object is written', async () => {
    const written: { key: string; rows: Record<string, unknown>[] }[] = [];
    let failures = 0;
    const firehose = worker({
      kinesis: fakeKinesis(5),
      writeObject: async (key, body) => {
        if (failures++ < 2) throw new Error('EIO: i/o error');
        written.push({ key, rows: await readParquetBody(body) });
      },
    });
    await firehose.start();
    await waitFor(
      () => firehose.stats().rowsWritten,
      (n) => n === 5,
    );
    expect(firehose.stats()).toMatchObject({ writeErrors: 2, objectsWritten: 1, failed: 0 });
    // Converted like Firehose's record format conversion: one Parquet object, named .parquet.
    expect(written).toHaveLength(1);
    expect(written[0]!.key).toMatch(/^order_changes_v2\/dt=[^/]+\/.*\.parquet$/);
    expect(written[0]!.rows.map((r) => r.event_id)).toEqual(['e0', 'e1', 'e2', 'e3', 'e4']);
    // The checkpoint follows the write (never precedes it).
    await waitFor(
      () => checkpointOf().catch(() => undefined),
      (checkpoint) => checkpoint?.sequenceNumber === '1004',
    );
  });

  it('keeps records unacknowledged while writes fail, so the next start delivers them', async () => {
    const first = worker({
      kinesis: fakeKinesis(3),
      stopGraceMs: 0,
      writeObject: async () => {
        throw new Error('ENOSPC: no space left on device');
      },
    });
    await first.start();
    await waitFor(
      () => first.stats().writeErrors,
      (n) => n > 0,
    );
    await first.stop();
    await expect(checkpointOf()).rejects.toThrow(/ENOENT/);

    const rows: Record<string, unknown>[] = [];
    const second = worker({
      kinesis: fakeKinesis(3),
      writeObject: async (_key, body) => void rows.push(...(await readParquetBody(body))),
    });
    await second.start();
    await waitFor(
      () => second.stats().rowsWritten,
      (n) => n === 3,
    );
    expect(rows.map((r) => r.event_id)).toEqual(['e0', 'e1', 'e2']);
  });

  it('backs off when Kinesis throttles reads and then carries on', async () => {
    const firehose = worker({
      kinesis: fakeKinesis(2, { throttleFirstReads: 2 }),
      writeObject: async () => undefined,
    });
    await firehose.start();
    await waitFor(
      () => firehose.stats().rowsWritten,
      (n) => n === 2,
    );
    expect(firehose.stats().lastError).toBeNull();
  });

  it('flushes what it buffered when stopped before the interval is up', async () => {
    const firehose = worker({
      kinesis: fakeKinesis(4),
      buffering: { sizeBytes: 1024 * 1024, intervalMs: 60_000 },
      writeObject: async () => undefined,
    });
    await firehose.start();
    await waitFor(
      () => firehose.stats().recordsIn,
      (n) => n === 4,
    );
    expect(firehose.stats().rowsWritten).toBe(0);
    await firehose.stop();
    expect(firehose.stats()).toMatchObject({ rowsWritten: 4, buffered: { records: 0 } });
    expect((await checkpointOf()).sequenceNumber).toBe('1003');
  });
});
