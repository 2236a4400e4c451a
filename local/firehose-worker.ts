import {
  DescribeStreamSummaryCommand,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
  type KinesisClient,
  type Shard,
} from '@aws-sdk/client-kinesis';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { transformRecords } from '@/lib/cdc/transform';
import { changeLogBucket, deliveryStream } from '@/lib/resources';
import { CheckpointStore } from './checkpoint';
import {
  transformBatch,
  type DeliveryTarget,
  type PreparedObject,
  type SourceRecord,
  type TransformFunction,
} from './firehose-delivery';
import { createParquetEncoder, type ParquetEncoder } from './parquet-writer';
import { backoffDelay, errorText, repeatUntilAborted, sleep, Wakeup } from './retry';
import { clearStaging, putObject } from './s3-files';
import { readyShards } from './shard-lineage';

/**
 * Plays the Firehose delivery stream of lib/resources.ts (`deliveryStream`): reads every shard of
 * the Kinesis stream, buffers by size and interval, runs the same transform the Lambda runs, and
 * writes Firehose-named objects to the local S3. A shard's checkpoint moves only after the objects
 * holding its records are on disk.
 *
 * Record format conversion, as the CDK stack configures it: each data object is written as
 * Snappy Parquet with the Glue table's schema (`.parquet`, see parquet-writer.ts); error-prefix
 * objects stay newline-delimited JSON, as Firehose writes them.
 *
 * Buffering hints: AWS Firehose defaults to 5 MiB / 300 s; our CDK stack uses 64 MiB / 60 s
 * (`deliveryStream.buffering.aws`); locally 1 MiB / 1 s, so a change is queryable in seconds.
 */
export type FirehoseWorkerOptions = {
  kinesis: Pick<KinesisClient, 'send'>;
  /** The source Kinesis stream. */
  streamName: string;
  /** Objects under `<dataDir>/s3/<bucket>/`, checkpoint under `<dataDir>/firehose/`. */
  dataDir: string;
  region: string;
  bucket?: string;
  deliveryStreamName?: string;
  buffering?: { sizeBytes: number; intervalMs: number };
  retryAttempts?: number;
  transform?: TransformFunction;
  /** Replaces the object write (tests inject failures). Data objects arrive as Parquet bytes. */
  writeObject?: (key: string, body: string | Uint8Array) => Promise<void>;
  /** Pause after an empty read; Kinesis allows 5 GetRecords a second per shard, so never below 200 ms. */
  idlePollMs?: number;
  discoverIntervalMs?: number;
  retryBaseDelayMs?: number;
  /** How long stop() waits for the final flush before abandoning it (unflushed = re-read next start). */
  stopGraceMs?: number;
  log?: (message: string) => void;
};

export type FirehoseShardStats = {
  shardId: string;
  sequenceNumber: string | null;
  millisBehindLatest: number | null;
  finished: boolean;
};

export type FirehoseStats = {
  running: boolean;
  recordsIn: number;
  rowsWritten: number;
  failed: number;
  dropped: number;
  objectsWritten: number;
  transformErrors: number;
  writeErrors: number;
  lastObjectKey: string | null;
  lastObjectAt: string | null;
  lastError: string | null;
  buffered: { records: number; bytes: number };
  shards: FirehoseShardStats[];
};

export type FirehoseWorker = {
  start: () => Promise<void>;
  stop: () => Promise<void>;
  stats: () => FirehoseStats;
};

/** Kinesis's per-shard read limit is 5 GetRecords a second. */
const MIN_READ_INTERVAL_MS = 200;
const GET_RECORDS_LIMIT = 10_000;
const ACCOUNT = '000000000000';

type PendingBatch = {
  generation: number;
  records: SourceRecord[];
  bytes: number;
  firstAt: number;
  marks: Map<string, string>;
};

export function createFirehoseWorker(options: FirehoseWorkerOptions): FirehoseWorker {
  const bucket = options.bucket ?? changeLogBucket.name;
  const name = options.deliveryStreamName ?? deliveryStream.name;
  const { sizeBytes, intervalMs } = options.buffering ?? deliveryStream.buffering.local;
  const retryAttempts = options.retryAttempts ?? deliveryStream.retryAttempts;
  const idlePollMs = Math.max(MIN_READ_INTERVAL_MS, options.idlePollMs ?? 250);
  const discoverIntervalMs = options.discoverIntervalMs ?? 5_000;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 200;
  const stopGraceMs = options.stopGraceMs ?? 15_000;
  const log = options.log ?? (() => undefined);
  const writeObject =
    options.writeObject ??
    ((key: string, body: string | Uint8Array) =>
      putObject(options.dataDir, bucket, key, body).then(() => undefined));
  const checkpointFile = path.join(options.dataDir, 'firehose', 'checkpoint.json');
  const convertDir = path.join(options.dataDir, 'firehose', 'convert');
  let encoder: ParquetEncoder | undefined;

  let checkpoints: CheckpointStore;
  let target: DeliveryTarget | undefined;
  let running = false;
  let stopping = new AbortController();
  let abandon = new AbortController();
  let discoverLoopDone: Promise<void> | undefined;
  let flushLoopDone: Promise<void> | undefined;
  let readersDone = false;
  const readers = new Map<string, Promise<void>>();
  const shardStats = new Map<string, FirehoseShardStats>();
  const discovery = new Wakeup();
  const flushWake = new Wakeup();
  const flushed = new Wakeup();
  let flushedGeneration = 0;
  let buffer: PendingBatch = { generation: 1, records: [], bytes: 0, firstAt: 0, marks: new Map() };
  const counters = {
    recordsIn: 0,
    rowsWritten: 0,
    failed: 0,
    dropped: 0,
    objectsWritten: 0,
    transformErrors: 0,
    writeErrors: 0,
  };
  let lastObjectKey: string | null = null;
  let lastObjectAt: string | null = null;
  let lastError: string | null = null;

  const keyOf = (shardId: string) => `${options.streamName}#${shardId}`;
  const isFinished = (shardId: string) => checkpoints.get(keyOf(shardId))?.finished === true;

  function fail(message: string) {
    if (message !== lastError) log(message);
    lastError = message;
  }

  async function resolveTarget(): Promise<DeliveryTarget> {
    if (target) return target;
    const { StreamDescriptionSummary } = await options.kinesis.send(
      new DescribeStreamSummaryCommand({ StreamName: options.streamName }),
    );
    target = {
      deliveryStreamName: name,
      deliveryStreamArn: `arn:aws:firehose:${options.region}:${ACCOUNT}:deliverystream/${name}`,
      sourceKinesisStreamArn:
        StreamDescriptionSummary?.StreamARN ??
        `arn:aws:kinesis:${options.region}:${ACCOUNT}:stream/${options.streamName}`,
      region: options.region,
      lambdaArn: `arn:aws:lambda:${options.region}:${ACCOUNT}:function:${deliveryStream.transformFunctionName}:$LATEST`,
      dataPrefix: changeLogBucket.dataPrefix,
      errorPrefix: changeLogBucket.errorPrefix,
      dataFileExtension: changeLogBucket.dataFileExtension,
    };
    return target;
  }

  async function listShards(): Promise<Shard[]> {
    const all: Shard[] = [];
    let token: string | undefined;
    do {
      const page = await options.kinesis.send(
        new ListShardsCommand(token ? { NextToken: token } : { StreamName: options.streamName }),
      );
      all.push(...(page.Shards ?? []));
      token = page.NextToken;
    } while (token);
    return all;
  }

  async function discover() {
    await resolveTarget();
    for (const shard of readyShards(await listShards(), isFinished)) {
      const shardId = shard.ShardId!;
      if (readers.has(shardId)) continue;
      readers.set(
        shardId,
        readShard(shardId).finally(() => {
          readers.delete(shardId);
          discovery.notify();
        }),
      );
    }
  }

  const discoverLoop = () =>
    repeatUntilAborted({
      step: discover,
      signal: stopping.signal,
      wakeup: discovery,
      intervalMs: discoverIntervalMs,
      failureBaseMs: 500,
      onError: (error) => fail(`firehose: cannot list the shards of ${options.streamName}: ${errorText(error)}`),
    });

  async function iteratorFor(shardId: string, after: string | null | undefined) {
    const { ShardIterator } = await options.kinesis.send(
      new GetShardIteratorCommand(
        after
          ? {
              StreamName: options.streamName,
              ShardId: shardId,
              ShardIteratorType: 'AFTER_SEQUENCE_NUMBER',
              StartingSequenceNumber: after,
            }
          : { StreamName: options.streamName, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' },
      ),
    );
    return ShardIterator;
  }

  /** Resolves once every record buffered now is written and checkpointed. */
  async function awaitDurable() {
    const generation = buffer.records.length ? buffer.generation : buffer.generation - 1;
    while (flushedGeneration < generation && !abandon.signal.aborted) await flushed.wait(intervalMs);
  }

  async function readShard(shardId: string) {
    const stats: FirehoseShardStats = {
      shardId,
      sequenceNumber: checkpoints.get(keyOf(shardId))?.sequenceNumber ?? null,
      millisBehindLatest: null,
      finished: false,
    };
    shardStats.set(shardId, stats);
    let lastRead = stats.sequenceNumber;
    let failures = 0;
    let lastCall = 0;
    try {
      let iterator = await iteratorFor(shardId, lastRead);
      while (!stopping.signal.aborted) {
        // Back-pressure: let the flusher catch up rather than hold unbounded records in memory.
        while (buffer.bytes >= 2 * sizeBytes && !stopping.signal.aborted) await flushed.wait(intervalMs);
        const spacing = lastCall + MIN_READ_INTERVAL_MS - Date.now();
        if (spacing > 0) await sleep(spacing, stopping.signal);
        if (stopping.signal.aborted) break;
        lastCall = Date.now();
        let got = 0;
        try {
          const out = await options.kinesis.send(
            new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }),
          );
          failures = 0;
          stats.millisBehindLatest = out.MillisBehindLatest ?? null;
          for (const record of out.Records ?? []) {
            const data = record.Data ?? new Uint8Array();
            buffer.records.push({
              shardId,
              sequenceNumber: record.SequenceNumber!,
              subsequenceNumber: 0,
              partitionKey: record.PartitionKey ?? '',
              data,
              arrivalTimestamp: record.ApproximateArrivalTimestamp?.getTime() ?? Date.now(),
            });
            if (!buffer.firstAt) buffer.firstAt = Date.now();
            buffer.bytes += data.byteLength;
            buffer.marks.set(shardId, record.SequenceNumber!);
            lastRead = record.SequenceNumber!;
            got++;
          }
          counters.recordsIn += got;
          if (got) flushWake.notify();
          if (!out.NextShardIterator) {
            // Closed by a reshard: its children start once all of it is durable.
            await awaitDurable();
            if (abandon.signal.aborted) return;
            await checkpoints.set(keyOf(shardId), { finished: true });
            stats.finished = true;
            return;
          }
          iterator = out.NextShardIterator;
        } catch (error) {
          if (error instanceof ExpiredIteratorException) {
            iterator = await iteratorFor(shardId, lastRead);
            continue;
          }
          if (error instanceof ResourceNotFoundException) return;
          failures++;
          if (!(error instanceof ProvisionedThroughputExceededException))
            fail(`firehose: shard ${shardId}: ${errorText(error)}`);
          await sleep(backoffDelay(failures, MIN_READ_INTERVAL_MS, 10_000), stopping.signal);
          continue;
        }
        if (got === 0) await sleep(idlePollMs - MIN_READ_INTERVAL_MS, stopping.signal);
      }
    } catch (error) {
      fail(`firehose: shard ${shardId} stopped: ${errorText(error)}`);
    }
  }

  /** Writes each object, retrying a failed write; resolves when all are written. */
  /** The bytes of an object: data rows converted to Parquet, error records as Firehose writes them. */
  async function bodyOf(object: PreparedObject): Promise<string | Uint8Array> {
    if (object.kind !== 'data') return object.body;
    encoder ??= createParquetEncoder(convertDir);
    return encoder.encode(object.body.split('\n').filter(Boolean));
  }

  async function writeAll(objects: PreparedObject[]) {
    for (const object of objects) {
      let body: string | Uint8Array | undefined;
      for (let attempt = 1; ; attempt++) {
        try {
          body ??= await bodyOf(object);
          await writeObject(object.key, body);
          break;
        } catch (error) {
          counters.writeErrors++;
          if (abandon.signal.aborted) throw error;
          // After retryAttempts, keep the batch (and its shards' checkpoints) and back off further:
          // the records are already in Kinesis, so waiting loses nothing.
          if (attempt > retryAttempts)
            fail(`firehose: cannot write ${object.key}: ${errorText(error)}; retrying`);
          await sleep(backoffDelay(attempt, retryBaseDelayMs, 30_000), abandon.signal);
        }
      }
      counters.objectsWritten++;
      if (object.kind === 'data') counters.rowsWritten += object.records;
      lastObjectKey = object.key;
      lastObjectAt = new Date().toISOString();
    }
  }

  async function flush() {
    const taken = buffer;
    buffer = { generation: taken.generation + 1, records: [], bytes: 0, firstAt: 0, marks: new Map() };
    if (taken.records.length) {
      const prepared = await transformBatch(taken.records, await resolveTarget(), {
        transform: options.transform ?? transformRecords,
        retryAttempts,
        retryBaseDelayMs,
        sleep: (ms) => sleep(ms, abandon.signal),
      });
      counters.transformErrors += prepared.transformErrors;
      await writeAll(prepared.objects);
      counters.failed += prepared.failed;
      counters.dropped += prepared.dropped;
      if (prepared.failed)
        log(
          `firehose: ${prepared.failed} record(s) failed the transform; see the error prefix ${changeLogBucket.errorPrefix.split('!')[0]}`,
        );
      await Promise.all(
        [...taken.marks].map(([shardId, sequenceNumber]) => {
          const stats = shardStats.get(shardId);
          if (stats) stats.sequenceNumber = sequenceNumber;
          return checkpoints.set(keyOf(shardId), { sequenceNumber });
        }),
      );
    }
    flushedGeneration = taken.generation;
    flushed.notify();
  }

  async function flushLoop() {
    for (;;) {
      const age = buffer.firstAt ? Date.now() - buffer.firstAt : 0;
      const due =
        buffer.records.length > 0 && (buffer.bytes >= sizeBytes || age >= intervalMs || readersDone);
      if (due) {
        try {
          await flush();
        } catch (error) {
          // Only an abandoned stop gets here: unwritten records stay unacknowledged in Kinesis.
          fail(`firehose: flush abandoned: ${errorText(error)}`);
          return;
        }
        continue;
      }
      if (readersDone) return;
      await flushWake.wait(buffer.records.length ? intervalMs - age : intervalMs);
    }
  }

  return {
    async start() {
      if (running) return;
      checkpoints = await CheckpointStore.open(checkpointFile);
      await clearStaging(options.dataDir);
      // Conversion leftovers of a crash: their records were never checkpointed.
      await rm(convertDir, { recursive: true, force: true });
      stopping = new AbortController();
      abandon = new AbortController();
      readersDone = false;
      running = true;
      discoverLoopDone = discoverLoop();
      flushLoopDone = flushLoop();
    },
    /** Stops reading, flushes what is buffered, then checkpoints it. */
    async stop() {
      if (!running) return;
      stopping.abort();
      discovery.notify();
      const grace = setTimeout(() => abandon.abort(), stopGraceMs);
      await discoverLoopDone;
      await Promise.all(readers.values());
      readersDone = true;
      flushWake.notify();
      await flushLoopDone;
      clearTimeout(grace);
      encoder?.close();
      encoder = undefined;
      running = false;
    },
    stats() {
      return {
        running,
        ...counters,
        lastObjectKey,
        lastObjectAt,
        lastError,
        buffered: { records: buffer.records.length, bytes: buffer.bytes },
        shards: [...shardStats.values()].map((s) => ({ ...s })),
      };
    },
  };
}
