import {
  DescribeTableCommand,
  ResourceNotFoundException as TableNotFound,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type Shard,
} from '@aws-sdk/client-dynamodb-streams';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { StreamRecord } from '@/lib/cdc/stream-record';
import { ordersPipe } from '@/lib/resources';
import { CheckpointStore, writeFileAtomic } from './checkpoint';
import {
  DeliveryAborted,
  putRecordsInOrder,
  type DeadLetter,
  type PipeEntry,
  type PutRecordsSender,
} from './pipe-delivery';
import { partitionKeyAt, toPipeRecord } from './pipe-records';
import { backoffDelay, errorText, repeatUntilAborted, sleep, Wakeup } from './retry';
import { readyShards } from './shard-lineage';

/**
 * Plays the EventBridge Pipe of lib/resources.ts (`ordersPipe`): reads the orders table's
 * DynamoDB stream through the Streams API and puts each record on Kinesis as Pipes does, keyed by
 * order id. Per shard it reads, batches (size or window), puts, and only then checkpoints, so a
 * restart resumes after the last delivered record: nothing lost, duplicates only at-least-once.
 */
export type PipeWorkerOptions = {
  dynamodb: Pick<DynamoDBClient, 'send'>;
  streams: Pick<DynamoDBStreamsClient, 'send'>;
  kinesis: PutRecordsSender;
  tableName: string;
  /** The Kinesis target stream. */
  streamName: string;
  region: string;
  /** Checkpoint under `<dataDir>/pipe/`, dead letters under `<dataDir>/pipe-dlq/`. */
  dataDir: string;
  batchSize?: number;
  batchingWindowMs?: number;
  maximumRetryAttempts?: number;
  retryBaseDelayMs?: number;
  /** Pause between reads of a shard that returned nothing (100 ms, as after a partial page). */
  idlePollMs?: number;
  /** How often to look for new shards (a closed shard's children are looked for at once). */
  discoverIntervalMs?: number;
  /** How long stop() lets in-flight deliveries finish before abandoning them (undelivered = unacknowledged). */
  stopGraceMs?: number;
  log?: (message: string) => void;
};

export type PipeShardStats = {
  shardId: string;
  sequenceNumber: string | null;
  pending: number;
  finished: boolean;
};

export type PipeStats = {
  running: boolean;
  sourceStreamArn: string | null;
  /** GetRecords calls on the DynamoDB stream. */
  reads: number;
  recordsIn: number;
  recordsOut: number;
  deadLettered: number;
  putCalls: number;
  retries: number;
  lastPutAt: string | null;
  lastError: string | null;
  /** How long the oldest record read but not yet delivered has waited; 0 when caught up. */
  lagMs: number;
  shards: PipeShardStats[];
};

export type PipeWorker = { start: () => Promise<void>; stop: () => Promise<void>; stats: () => PipeStats };

type Entry = PipeEntry & { record: StreamRecord; readAt: number };

type ShardState = {
  arn: string;
  shardId: string;
  pending: Entry[];
  sequenceNumber: string | null;
  finished: boolean;
};

const DESCRIBE_PAGE = 100;
/**
 * Pause after a partial page or an empty one: caps a shard at ten reads a second. Pipes polls
 * about four times a second on AWS; DynamoDB Local has no read limit, and an idle wait of 250 ms
 * was a third of the write → live feed latency (the feed's own reads add up to 200 ms more).
 */
const BUSY_POLL_MS = 100;
const GET_RECORDS_LIMIT = 1000;

export function createPipeWorker(options: PipeWorkerOptions): PipeWorker {
  const batchSize = options.batchSize ?? ordersPipe.batchSize;
  const windowMs = options.batchingWindowMs ?? ordersPipe.maximumBatchingWindowSeconds * 1000;
  const maximumRetryAttempts = options.maximumRetryAttempts ?? ordersPipe.maximumRetryAttempts;
  const idlePollMs = options.idlePollMs ?? BUSY_POLL_MS;
  const discoverIntervalMs = options.discoverIntervalMs ?? 1_000;
  const stopGraceMs = options.stopGraceMs ?? 10_000;
  const log = options.log ?? (() => undefined);
  const checkpointFile = path.join(options.dataDir, 'pipe', 'checkpoint.json');
  const dlqDir = path.join(options.dataDir, 'pipe-dlq');

  let checkpoints: CheckpointStore;
  let running = false;
  let stopping = new AbortController();
  let abandon = new AbortController();
  let loop: Promise<void> | undefined;
  const readers = new Map<string, Promise<void>>();
  const shards = new Map<string, ShardState>();
  const discovery = new Wakeup();
  const counters = { reads: 0, recordsIn: 0, recordsOut: 0, deadLettered: 0, putCalls: 0, retries: 0 };
  let sourceStreamArn: string | null = null;
  let lastPutAt: string | null = null;
  let lastError: string | null = null;

  const keyOf = (arn: string, shardId: string) => `${arn}#${shardId}`;
  const isFinished = (arn: string) => (shardId: string) =>
    checkpoints.get(keyOf(arn, shardId))?.finished === true;

  function fail(message: string) {
    if (message !== lastError) log(message);
    lastError = message;
  }

  async function latestStreamArn(): Promise<string | undefined> {
    try {
      const { Table } = await options.dynamodb.send(
        new DescribeTableCommand({ TableName: options.tableName }),
      );
      return Table?.StreamSpecification?.StreamEnabled ? Table.LatestStreamArn : undefined;
    } catch (error) {
      if (error instanceof TableNotFound) return undefined;
      throw error;
    }
  }

  async function listShards(arn: string): Promise<Shard[]> {
    const all: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await options.streams.send(
        new DescribeStreamCommand({ StreamArn: arn, Limit: DESCRIBE_PAGE, ExclusiveStartShardId: start }),
      );
      all.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return all;
  }

  async function discover() {
    const arn = await latestStreamArn();
    if (!arn) return;
    sourceStreamArn = arn;
    const listed = await listShards(arn);
    const listedIds = new Set(listed.map((s) => s.ShardId));
    // Finished shards that aged out of the stream need no checkpoint any more.
    for (const key of checkpoints.keys()) {
      const [keyArn, shardId] = key.split('#');
      if (keyArn === arn && shardId && !listedIds.has(shardId) && checkpoints.get(key)?.finished)
        await checkpoints.delete(key);
    }
    for (const shard of readyShards(listed, isFinished(arn))) {
      const key = keyOf(arn, shard.ShardId!);
      if (readers.has(key)) continue;
      const reader = readShard(arn, shard.ShardId!).finally(() => {
        readers.delete(key);
        discovery.notify();
      });
      readers.set(key, reader);
    }
  }

  const discoverLoop = () =>
    repeatUntilAborted({
      step: discover,
      signal: stopping.signal,
      wakeup: discovery,
      intervalMs: discoverIntervalMs,
      failureBaseMs: discoverIntervalMs,
      onError: (error) => fail(`pipe: cannot read the stream of table ${options.tableName}: ${errorText(error)}`),
    });

  async function iteratorFor(
    arn: string,
    shardId: string,
    after: string | null | undefined,
  ): Promise<string | undefined> {
    const request = after
      ? {
          StreamArn: arn,
          ShardId: shardId,
          ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const,
          SequenceNumber: after,
        }
      : { StreamArn: arn, ShardId: shardId, ShardIteratorType: ordersPipe.startingPosition };
    try {
      return (await options.streams.send(new GetShardIteratorCommand(request))).ShardIterator;
    } catch (error) {
      if (!(error instanceof TrimmedDataAccessException) || !after) throw error;
      fail(
        `pipe: shard ${shardId} was trimmed past checkpoint ${after}; changes older than the stream's 24 h retention are lost, resuming at the oldest record`,
      );
      return (
        await options.streams.send(
          new GetShardIteratorCommand({
            StreamArn: arn,
            ShardId: shardId,
            ShardIteratorType: 'TRIM_HORIZON',
          }),
        )
      ).ShardIterator;
    }
  }

  async function writeDeadLetters(state: ShardState, letters: DeadLetter<Entry>[]) {
    const failedAt = new Date();
    const reasons = [...new Set(letters.map((l) => l.reason))];
    const file = path.join(dlqDir, `${failedAt.toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.json`);
    const body = {
      pipe: ordersPipe.name,
      source: state.arn,
      shardId: state.shardId,
      target: options.streamName,
      failedAt: failedAt.toISOString(),
      reason: reasons.join('; '),
      records: letters.map((l) => ({
        reason: l.reason,
        attempts: l.attempts,
        partitionKey: l.entry.partitionKey,
        sequenceNumber: l.entry.sequenceNumber,
        record: l.entry.record,
      })),
    };
    await writeFileAtomic(file, `${JSON.stringify(body, null, 2)}\n`);
    counters.deadLettered += letters.length;
    log(
      `pipe: ${letters.length} record(s) of shard ${state.shardId} could not be delivered (${body.reason}); see ${file}`,
    );
  }

  /** Delivers every pending record in batches, checkpointing after each batch. */
  async function deliverPending(state: ShardState) {
    while (state.pending.length > 0) {
      const batch = state.pending.slice(0, batchSize);
      const result = await putRecordsInOrder(options.kinesis, batch, {
        streamName: options.streamName,
        maximumRetryAttempts,
        baseDelayMs: options.retryBaseDelayMs,
        signal: abandon.signal,
      });
      if (result.deadLetters.length) await writeDeadLetters(state, result.deadLetters);
      const last = batch.at(-1)!.sequenceNumber;
      await checkpoints.set(keyOf(state.arn, state.shardId), { sequenceNumber: last });
      state.pending.splice(0, batch.length);
      state.sequenceNumber = last;
      counters.recordsOut += result.delivered;
      counters.putCalls += result.putCalls;
      counters.retries += result.retries;
      if (result.delivered) lastPutAt = new Date().toISOString();
    }
  }

  function toEntry(record: Parameters<typeof toPipeRecord>[0], arn: string): Entry {
    const pipeRecord = toPipeRecord(record, arn, options.region);
    return {
      record: pipeRecord,
      partitionKey: partitionKeyAt(pipeRecord, ordersPipe.partitionKeyPath) ?? '',
      data: Buffer.from(JSON.stringify(pipeRecord)),
      sequenceNumber: pipeRecord.dynamodb.SequenceNumber,
      readAt: Date.now(),
    };
  }

  async function readShard(arn: string, shardId: string) {
    const key = keyOf(arn, shardId);
    const state: ShardState = {
      arn,
      shardId,
      pending: [],
      sequenceNumber: checkpoints.get(key)?.sequenceNumber ?? null,
      finished: false,
    };
    shards.set(key, state);
    let lastRead = state.sequenceNumber;
    let iterator: string | undefined;
    let failures = 0;
    try {
      iterator = await iteratorFor(arn, shardId, lastRead);
      while (!stopping.signal.aborted) {
        let got = 0;
        try {
          if (iterator) {
            const out = await options.streams.send(
              new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }),
            );
            for (const record of out.Records ?? []) state.pending.push(toEntry(record, arn));
            got = out.Records?.length ?? 0;
            counters.recordsIn += got;
            counters.reads++;
            if (got) lastRead = state.pending.at(-1)!.sequenceNumber;
            iterator = out.NextShardIterator;
          }
          const closed = !iterator;
          const oldest = state.pending[0]?.readAt;
          if (
            state.pending.length >= batchSize ||
            (oldest !== undefined && Date.now() - oldest >= windowMs) ||
            closed
          ) {
            await deliverPending(state);
          }
          failures = 0;
          if (closed) {
            await checkpoints.set(key, { finished: true });
            state.finished = true;
            return;
          }
        } catch (error) {
          if (error instanceof DeliveryAborted) return;
          if (error instanceof ExpiredIteratorException) {
            iterator = await iteratorFor(arn, shardId, lastRead);
            continue;
          }
          if (error instanceof TrimmedDataAccessException) {
            // Nothing read from the shard yet: reading it again from its oldest record loses
            // nothing (DynamoDB Local answers some new shards' first read this way).
            if (lastRead) fail(`pipe: shard ${shardId} was trimmed past ${lastRead}; resuming at the oldest record`);
            iterator = await iteratorFor(arn, shardId, null);
            continue;
          }
          if (error instanceof ResourceNotFoundException) return; // the stream or shard is gone
          failures++;
          fail(`pipe: shard ${shardId}: ${errorText(error)}`);
          await sleep(backoffDelay(failures, idlePollMs, 10_000), stopping.signal);
          continue;
        }
        const oldest = state.pending[0]?.readAt;
        // A full page means a backlog: read on at once. A partial one means we are caught up, so
        // pause briefly rather than spin GetRecords against DynamoDB, which competes with writes.
        const wait =
          got >= GET_RECORDS_LIMIT
            ? 0
            : got > 0
              ? BUSY_POLL_MS
            : oldest !== undefined
              ? Math.min(idlePollMs, Math.max(0, oldest + windowMs - Date.now()))
              : idlePollMs;
        if (wait > 0) await sleep(wait, stopping.signal);
      }
      // Stopping: hand over what was read, so a clean stop leaves nothing to re-read.
      await deliverPending(state);
    } catch (error) {
      if (!(error instanceof DeliveryAborted)) fail(`pipe: shard ${shardId} stopped: ${errorText(error)}`);
    } finally {
      if (state.finished) shards.delete(key);
    }
  }

  return {
    async start() {
      if (running) return;
      checkpoints = await CheckpointStore.open(checkpointFile);
      stopping = new AbortController();
      abandon = new AbortController();
      running = true;
      loop = discoverLoop();
    },
    async stop() {
      if (!running) return;
      stopping.abort();
      discovery.notify();
      const grace = setTimeout(() => abandon.abort(), stopGraceMs);
      await loop; // no new readers after this
      await Promise.all(readers.values());
      clearTimeout(grace);
      running = false;
    },
    stats() {
      const now = Date.now();
      const oldest = Math.min(...[...shards.values()].map((s) => s.pending[0]?.readAt ?? now), now);
      return {
        running,
        sourceStreamArn,
        ...counters,
        lastPutAt,
        lastError,
        lagMs: now - oldest,
        shards: [...shards.values()].map((s) => ({
          shardId: s.shardId,
          sequenceNumber: s.sequenceNumber,
          pending: s.pending.length,
          finished: s.finished,
        })),
      };
    },
  };
}
