import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  TrimmedDataAccessException,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import type { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { marshall } from '@aws-sdk/util-dynamodb';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPipeWorker, type PipeWorker, type PipeWorkerOptions } from '@/local/pipe-worker';
import { storedOrder } from '../support/stream-records';
import { waitFor } from '../support/wait';

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-03-10T00:00:00.000';

function change(orderId: string, sequenceNumber: string): _Record {
  const image = marshall(storedOrder({ order_id: orderId }));
  return {
    eventID: `e-${sequenceNumber}`,
    eventName: 'INSERT',
    dynamodb: {
      ApproximateCreationDateTime: new Date(),
      Keys: { order_id: image.order_id! },
      NewImage: image,
      SequenceNumber: sequenceNumber,
    },
  };
}

/**
 * A DynamoDB stream with a closed parent shard and its open child (a shard rollover), served
 * through fake DynamoDB, Streams and Kinesis clients. `expireOnce` makes the child's first read
 * fail with ExpiredIteratorException.
 */
function fakes({ expireOnce = false, trimFirstRead = false, more = [] as _Record[] } = {}) {
  const shards: Record<string, { records: _Record[]; closed: boolean; parent?: string }> = {
    child: {
      records: [change('A', '300'), change('poison', '400'), ...more],
      closed: false,
      parent: 'parent',
    },
    parent: { records: [change('A', '100'), change('B', '200')], closed: true },
  };
  let expired = !expireOnce;
  let trimmed = !trimFirstRead;
  const landed: { key: string; sequenceNumber: string }[] = [];
  const dynamodb = {
    send: async (command: unknown) => {
      if (!(command instanceof DescribeTableCommand)) throw new Error('unexpected');
      return { Table: { StreamSpecification: { StreamEnabled: true }, LatestStreamArn: ARN } };
    },
  };
  const streams = {
    send: async (command: unknown) => {
      if (command instanceof DescribeStreamCommand) {
        return {
          StreamDescription: {
            Shards: Object.entries(shards).map(([id, s]) => ({ ShardId: id, ParentShardId: s.parent })),
          },
        };
      }
      if (command instanceof GetShardIteratorCommand) {
        const { ShardId, SequenceNumber } = command.input;
        const records = shards[ShardId!]!.records;
        const position = SequenceNumber
          ? records.findIndex((r) => r.dynamodb!.SequenceNumber === SequenceNumber) + 1
          : 0;
        return { ShardIterator: `${ShardId}:${position}` };
      }
      if (command instanceof GetRecordsCommand) {
        const [id, position] = command.input.ShardIterator!.split(':');
        if (id === 'parent' && !trimmed) {
          // DynamoDB Local sometimes answers a new shard's first TRIM_HORIZON read this way.
          trimmed = true;
          throw new TrimmedDataAccessException({ message: 'Trimmed', $metadata: {} });
        }
        if (id === 'child' && !expired) {
          expired = true;
          throw new ExpiredIteratorException({ message: 'Iterator expired', $metadata: {} });
        }
        const shard = shards[id!]!;
        const records = shard.records.slice(Number(position));
        return {
          Records: records,
          NextShardIterator: shard.closed ? undefined : `${id}:${shard.records.length}`,
        };
      }
      throw new Error('unexpected');
    },
  };
  const kinesis = {
    send: async (command: PutRecordsCommand) => ({
      $metadata: {},
      Records: command.input.Records!.map((r) => {
        if (r.PartitionKey === 'poison')
          return { ErrorCode: 'InternalFailure', ErrorMessage: 'Internal service failure.' };
        landed.push({
          key: r.PartitionKey!,
          sequenceNumber: JSON.parse(Buffer.from(r.Data!).toString()).dynamodb.SequenceNumber,
        });
        return { SequenceNumber: String(landed.length), ShardId: 'shardId-000000000000' };
      }),
    }),
  };
  return { dynamodb, streams, kinesis, landed } as unknown as Pick<
    PipeWorkerOptions,
    'dynamodb' | 'streams' | 'kinesis'
  > & { landed: typeof landed };
}

let dataDir: string;
let worker: PipeWorker | undefined;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'pipe-worker-test-'));
});
afterEach(async () => {
  await worker?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

function start(clients: ReturnType<typeof fakes>) {
  worker = createPipeWorker({
    ...clients,
    tableName: 'orders',
    streamName: 'order-changes',
    region: 'us-east-1',
    dataDir,
    batchingWindowMs: 10,
    maximumRetryAttempts: 2,
    retryBaseDelayMs: 1,
    idlePollMs: 20,
    discoverIntervalMs: 20,
  });
  return worker.start().then(() => worker!);
}

describe('pipe worker', () => {
  it('reads a parent shard to its end before its child, dead-letters what Kinesis keeps refusing, and checkpoints', async () => {
    const clients = fakes({ expireOnce: true });
    const pipe = await start(clients);
    await waitFor(
      () => pipe.stats(),
      (s) => s.recordsOut === 3 && s.deadLettered === 1,
    );

    expect(clients.landed).toEqual([
      { key: 'A', sequenceNumber: '100' },
      { key: 'B', sequenceNumber: '200' },
      { key: 'A', sequenceNumber: '300' },
    ]);

    const [dlqFile] = await readdir(path.join(dataDir, 'pipe-dlq'));
    expect(dlqFile).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-[0-9a-f-]{36}\.json$/);
    const dlq = JSON.parse(await readFile(path.join(dataDir, 'pipe-dlq', dlqFile!), 'utf8'));
    expect(dlq).toMatchObject({
      pipe: 'orders-to-kinesis',
      source: ARN,
      shardId: 'child',
      target: 'order-changes',
      reason: 'InternalFailure: Internal service failure.',
      records: [
        {
          attempts: 3,
          partitionKey: 'poison',
          sequenceNumber: '400',
          record: { eventID: 'e-400', eventSourceARN: ARN },
        },
      ],
    });

    await pipe.stop();
    const checkpoint = JSON.parse(
      await readFile(path.join(dataDir, 'pipe', 'checkpoint.json'), 'utf8'),
    ).shards;
    expect(checkpoint[`${ARN}#parent`]).toMatchObject({ sequenceNumber: '200', finished: true });
    expect(checkpoint[`${ARN}#child`]).toMatchObject({ sequenceNumber: '400' });
  });

  it('re-reads a shard it had read nothing from when its first read says trimmed: nothing lost, no error shown', async () => {
    const clients = fakes({ trimFirstRead: true });
    const pipe = await start(clients);
    await waitFor(
      () => pipe.stats(),
      (s) => s.recordsOut === 3,
    );
    expect(clients.landed.map((l) => l.sequenceNumber)).toEqual(['100', '200', '300']);
    expect(pipe.stats().lastError).toBeNull();
  });

  it('resumes after its checkpoint on restart: only new changes are sent', async () => {
    const first = fakes();
    await start(first).then((pipe) =>
      waitFor(
        () => pipe.stats(),
        (s) => s.recordsOut === 3,
      ),
    );
    await worker!.stop();

    const second = fakes({ more: [change('C', '500')] });
    const pipe = await start(second);
    await waitFor(
      () => pipe.stats().recordsOut,
      (n) => n === 1,
    );
    await pipe.stop();
    expect(second.landed).toEqual([{ key: 'C', sequenceNumber: '500' }]);
    expect(pipe.stats().recordsIn).toBe(1);
  });
});
