import 'server-only';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, type Shard } from '@aws-sdk/client-dynamodb-streams';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { getDynamoDbStreamsClient } from '@/lib/aws/dynamodb-streams';
import { getS3Client } from '@/lib/aws/s3';
import { getConfig } from '@/lib/config';
import { getFeedHub } from '@/lib/feed/default-hub';
import { catalog, deliveryStream, ordersPipe } from '@/lib/resources';
import { countQueryableRows, QUERYABLE_TTL_MS } from './athena-rows';
import { listDeadLetters, PIPE_DLQ_NAME } from './dead-letters';
import { describePartition, type PartitionDelivery } from './delivered';
import { listErrorRecords, ERROR_PREFIX } from './error-records';
import { describeFailure } from './errors';
import type { PipelineHealth } from './health-types';
import { KinesisActivity } from './kinesis-activity';
import {
  athenaStage,
  firehoseStage,
  isFailed,
  kinesisStage,
  pipeStage,
  s3Stage,
  streamStage,
  tableStage,
  worstStatus,
  type Facts,
  type KinesisFacts,
  type StreamFacts,
  type TableFacts,
  type Thresholds,
} from './status-rules';

/**
 * Pipeline health, measured through the same AWS APIs on AWS and locally: DescribeTable and
 * DescribeStream, the Kinesis records themselves (via the feed hub), S3 listings and the newest
 * object, the error prefix, the dead-letter queue, and one Athena count. Every call is bounded
 * and timed out, and one failing source marks its stage failing instead of failing the page.
 */

const COLLECT_TIMEOUT_MS = 8_000;

const holder = globalThis as typeof globalThis & { __kinesisActivity?: KinesisActivity };
const kinesisActivity = () => (holder.__kinesisActivity ??= new KinesisActivity(getFeedHub));

/** Stops reading Kinesis for health (tests, and after switching the feed hub). */
export function stopKinesisActivity(): void {
  holder.__kinesisActivity?.stop();
  holder.__kinesisActivity = undefined;
}

async function collect<T>(what: () => Promise<T>): Promise<Facts<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<{ failed: string }>((resolve) => {
    timer = setTimeout(() => resolve({ failed: `no answer within ${COLLECT_TIMEOUT_MS / 1000} s` }), COLLECT_TIMEOUT_MS);
  });
  try {
    return await Promise.race([what(), timeout]);
  } catch (error) {
    return { failed: describeFailure(error instanceof Error && error.cause ? error.cause : error) };
  } finally {
    clearTimeout(timer);
  }
}

async function describeTable(name: string): Promise<TableFacts> {
  const { Table } = await getDynamoDbClient().send(new DescribeTableCommand({ TableName: name }));
  return {
    name,
    status: Table?.TableStatus ?? 'UNKNOWN',
    itemCount: Table?.ItemCount ?? 0,
    sizeBytes: Table?.TableSizeBytes ?? 0,
    streamEnabled: Table?.StreamSpecification?.StreamEnabled === true,
    streamArn: Table?.LatestStreamArn ?? null,
  };
}

async function describeStream(arn: string): Promise<StreamFacts> {
  const shards: Shard[] = [];
  let start: string | undefined;
  let status = 'UNKNOWN';
  let pages = 0;
  do {
    const { StreamDescription } = await getDynamoDbStreamsClient().send(
      new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: start }),
    );
    status = StreamDescription?.StreamStatus ?? status;
    shards.push(...(StreamDescription?.Shards ?? []));
    start = StreamDescription?.LastEvaluatedShardId;
  } while (start && ++pages < 10);
  const open = shards.filter((s) => !s.SequenceNumberRange?.EndingSequenceNumber).length;
  return { status, shards: shards.length, openShards: open };
}

async function describeKinesis(name: string): Promise<KinesisFacts> {
  const [shards, activity] = await Promise.all([getFeedHub().listShards(), kinesisActivity().snapshot()]);
  return { name, shards: shards.length, openShards: shards.filter((s) => !s.closed).length, activity };
}

const utcDate = (time: Date) => time.toISOString().slice(0, 10);

/** Today's partition, or yesterday's when today has nothing yet (just after midnight UTC). */
async function describeDelivery(bucket: string, now: Date): Promise<PartitionDelivery> {
  const client = getS3Client();
  const today = await describePartition(client, bucket, utcDate(now), now);
  if (today.newest) return today;
  const yesterday = await describePartition(client, bucket, utcDate(new Date(now.getTime() - 86_400_000)), now);
  return { ...today, newest: yesterday.newest };
}

export function thresholdsFor(localEndpoint: boolean): Thresholds {
  const flushMs = localEndpoint ? deliveryStream.buffering.local.intervalMs : deliveryStream.buffering.aws.intervalSeconds * 1000;
  const deliveryAllowanceMs = flushMs * 2 + 10_000;
  return { pipeLatencyMs: 30_000, deliveryAllowanceMs, queryableAllowanceMs: deliveryAllowanceMs + QUERYABLE_TTL_MS };
}

export async function getPipelineHealth(options: { samples?: number; now?: Date } = {}): Promise<PipelineHealth> {
  const now = options.now ?? new Date();
  const samples = options.samples ?? 5;
  const config = getConfig();
  const bucket = config.changeLogBucket;
  const dt = utcDate(now);

  const tablePromise = collect(() => describeTable(config.ordersTableName));
  const [table, stream, kinesis, delivery, errorRecords, deadLetters, athenaRows] = await Promise.all([
    tablePromise,
    tablePromise.then((t) =>
      isFailed(t) ? t : t.streamArn ? collect(() => describeStream(t.streamArn!)) : { failed: 'the table has no stream' },
    ),
    collect(() => describeKinesis(config.changeStreamName)),
    collect(() => describeDelivery(bucket, now)),
    collect(() => listErrorRecords({ limit: samples })),
    collect(() => listDeadLetters({ limit: samples })),
    collect(() => countQueryableRows(dt)),
  ]);

  const queueName = config.pipeDeadLetterQueueUrl?.split('/').at(-1) ?? PIPE_DLQ_NAME;
  const errors = isFailed(errorRecords)
    ? errorRecords
    : {
        prefix: ERROR_PREFIX,
        objects: errorRecords.objects,
        truncated: errorRecords.objectsTruncated,
        recentObjects: errorRecords.recentObjects,
        newestAt: errorRecords.newestObjectAt,
        topReason: errorRecords.records[0]?.errorMessage ?? null,
      };
  const dlq = isFailed(deadLetters)
    ? deadLetters
    : { queue: queueName, visible: deadLetters.visible, inFlight: deadLetters.inFlight, topReason: deadLetters.samples[0]?.reason ?? null };
  const deliveryFacts = isFailed(delivery) ? delivery : { ...delivery, bucket };
  const athena = isFailed(athenaRows) ? athenaRows : { rowsToday: athenaRows.rows, newestChangeTime: athenaRows.newestChangeTime, dt };
  const thresholds = thresholdsFor(config.endpoints.s3 !== undefined);

  const stages = [
    tableStage(table, config.ordersTableName),
    streamStage(stream, `${config.ordersTableName} stream`),
    pipeStage(kinesis, dlq, ordersPipe.name, thresholds),
    kinesisStage(kinesis, config.changeStreamName),
    firehoseStage(kinesis, deliveryFacts, errors, deliveryStream.name, now.getTime(), thresholds),
    s3Stage(deliveryFacts, bucket),
    athenaStage(athena, deliveryFacts, `${catalog.database}.${catalog.changeTable}`, thresholds),
  ];

  return {
    checkedAt: now.toISOString(),
    status: worstStatus(stages.map((s) => s.status)),
    stages,
    lastDelivered: isFailed(delivery) ? null : delivery.newest,
    today: isFailed(delivery)
      ? { dt, objects: 0, objectsTruncated: false, bytes: 0, rows: isFailed(athenaRows) ? null : athenaRows.rows }
      : { dt, objects: delivery.objects, objectsTruncated: delivery.truncated, bytes: delivery.bytes, rows: isFailed(athenaRows) ? null : athenaRows.rows },
    errors: isFailed(errorRecords)
      ? { prefix: ERROR_PREFIX, objects: 0, objectsTruncated: false, recentObjects: 0, newestAt: null, samples: [], unavailable: errorRecords.failed }
      : {
          prefix: ERROR_PREFIX,
          objects: errorRecords.objects,
          objectsTruncated: errorRecords.objectsTruncated,
          recentObjects: errorRecords.recentObjects,
          newestAt: errorRecords.newestObjectAt,
          samples: errorRecords.records,
        },
    deadLetters: isFailed(deadLetters)
      ? { queue: queueName, visible: 0, inFlight: 0, samples: [], unavailable: deadLetters.failed }
      : { queue: queueName, visible: deadLetters.visible, inFlight: deadLetters.inFlight, samples: deadLetters.samples },
  };
}
