import 'server-only';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { decodeTime } from 'ulid';
import { AthenaQueryFailed, AthenaQueryTimeout } from '@/lib/analytics/runner';
import { getKinesisClient } from '@/lib/aws/kinesis';
import { getS3Client } from '@/lib/aws/s3';
import { getConfig } from '@/lib/config';
import { getFeedHub } from '@/lib/feed/default-hub';
import { findOrder } from '@/lib/orders/repository';
import { listDeadLetters } from '@/lib/pipeline/dead-letters';
import { describeFailure } from '@/lib/pipeline/errors';
import { deliveryStream } from '@/lib/resources';
import { readAthenaHistory, type AthenaHistory, type PartitionFilter } from './athena-rows';
import { findErrorHits } from './error-hits';
import {
  kinesisForTrace,
  readKinesisHistory,
  type KinesisHistory,
  type TraceKinesis,
} from './kinesis-history';
import { headObjects, type ObjectInfo } from './s3-objects';
import { assembleChanges, isSettled, type DeadLetterHit, type ErrorHit } from './timeline';
import type { OrderSnapshot, SourceState, Trace } from './types';

export type TraceDeps = {
  kinesis?: TraceKinesis;
  s3?: S3Client;
  sqs?: SQSClient;
  now?: () => Date;
  /** Kinesis scan bounds (records, ms). */
  maxRecords?: number;
  budgetMs?: number;
};

/** Records written up to this long before the order id's timestamp still count (clock skew). */
const SINCE_MARGIN_MS = 5_000;

type Outcome<T> = { value: T; state: SourceState } | { value: undefined; state: SourceState };

async function attempt<T>(what: string, work: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await work(), state: { ok: true } };
  } catch (error) {
    const message =
      error instanceof AthenaQueryFailed || error instanceof AthenaQueryTimeout
        ? `${what}: ${error.message}`
        : `${what} could not be read (${describeFailure(error)}).`;
    return { value: undefined, state: { ok: false, message } };
  }
}

/** How long the local stack or AWS may take per stage; bufferLabel is Firehose's buffer, for people. */
export function deliveryBudgets() {
  // A custom Kinesis endpoint means the local stack (or LocalStack) with its short buffer.
  const local = Boolean(getConfig().endpoints.kinesis);
  return local
    ? {
        bufferLabel: `${deliveryStream.buffering.local.intervalMs / 1_000} s locally`,
        deliveryBudgetMs: 20_000,
        pipeBudgetMs: 20_000,
      }
    : {
        bufferLabel: `${deliveryStream.buffering.aws.intervalSeconds} s on AWS`,
        deliveryBudgetMs: 180_000,
        pipeBudgetMs: 120_000,
      };
}

function snapshotOf(order: Awaited<ReturnType<typeof findOrder>>): OrderSnapshot | null {
  if (!order) return null;
  return {
    state: 'exists',
    version: order.version,
    status: order.status,
    customerName: order.customer.name,
    totalCents: order.total_cents,
    currency: order.currency,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    updatedBy: order.updated_by ?? null,
  };
}

/** The order's records in the pipe's dead-letter queue, oldest first (samples of at most 10 messages). */
async function findDeadLetters(orderId: string, client?: SQSClient): Promise<DeadLetterHit[]> {
  const letters = await listDeadLetters({ limit: 10, ...(client ? { client } : {}) });
  const queue = letters.queueUrl.split('/').pop() ?? letters.queueUrl;
  return letters.samples
    .flatMap((message) =>
      message.records
        .filter((r) => r.orderId === orderId)
        .map((r) => ({
          queue,
          messageId: message.messageId,
          reason: r.reason ?? message.reason,
          sentAt: message.sentAt,
          eventName: r.eventName,
          sequenceNumber: r.sequenceNumber,
        })),
    )
    .reverse();
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Read exactly the change dates when Kinesis holds the order's whole history, else creation → today. */
function partitionsFor(
  history: KinesisHistory | undefined,
  createdMs: number,
  nowMs: number,
): PartitionFilter {
  const hits = history?.hits ?? [];
  const whole = history && !history.truncated && hits.some((h) => h.eventName === 'INSERT');
  const dates = hits.flatMap((h) => (h.changeTime ? [h.changeTime.slice(0, 10)] : []));
  if (whole && dates.length) return { dates };
  return { from: day(createdMs), to: day(nowMs) };
}

/**
 * Follows one order through every stage: the DynamoDB item, its stream records as the pipe put
 * them on Kinesis (shard, sequence), the S3 objects holding its change rows and those rows as
 * Athena returns them, plus any record of it in the Firehose error prefix. A stage that cannot be
 * read is reported as such; the others still answer.
 */
export async function traceOrder(orderId: string, deps: TraceDeps = {}): Promise<Trace> {
  const now = deps.now?.() ?? new Date();
  const config = getConfig();
  const createdMs = decodeTime(orderId);
  const since = new Date(createdMs - SINCE_MARGIN_MS);
  const kinesisApi =
    deps.kinesis ??
    kinesisForTrace(getKinesisClient(), config.changeStreamName, (shardId) =>
      getFeedHub().acquireRead(shardId),
    );
  const s3 = deps.s3 ?? getS3Client();

  const [dynamo, kinesis] = await Promise.all([
    attempt('DynamoDB', async () => snapshotOf(await findOrder(orderId))),
    attempt('Kinesis', () =>
      readKinesisHistory(kinesisApi, orderId, {
        since,
        maxRecords: deps.maxRecords,
        budgetMs: deps.budgetMs,
      }),
    ),
  ]);
  const created = Math.min(createdMs, Date.parse(dynamo.value?.createdAt ?? '') || createdMs);
  const [athena, errors] = await Promise.all([
    attempt<AthenaHistory>('Athena', () =>
      readAthenaHistory(orderId, partitionsFor(kinesis.value, created, now.getTime())),
    ),
    attempt('The error prefix', () => findErrorHits(orderId, { client: s3 })),
  ]);
  const uris = athena.value?.rows.map((r) => r.objectUri) ?? [];
  const objects = await attempt<Map<string, ObjectInfo>>('S3', () => headObjects(s3, uris));

  const item = dynamo.state.ok ? (dynamo.value ?? null) : undefined;
  const errorHits: ErrorHit[] | undefined = errors.value?.hits;
  // Only a write missing from every later stage is worth a look in the pipe's dead-letter queue.
  const seenVersions = new Set([
    ...(kinesis.value?.hits.map((h) => h.version) ?? []),
    ...(athena.value?.rows.map((r) => r.version) ?? []),
    ...(errorHits?.map((e) => e.version) ?? []),
  ]);
  const missing = item?.version !== undefined && item.version !== null && !seenVersions.has(item.version);
  const deadLetters = missing
    ? await attempt('The dead-letter queue', () => findDeadLetters(orderId, deps.sqs))
    : undefined;
  const athenaCurrent = athena.value?.current ?? null;
  const changes = assembleChanges({
    now,
    ...deliveryBudgets(),
    item,
    kinesis: kinesis.value?.hits,
    athenaRows: athena.value?.rows,
    athenaQueryId: athena.value?.queryIds[0],
    athenaCurrent,
    objects: objects.value ?? new Map(),
    errors: errorHits,
    deadLetters: deadLetters?.value,
  });

  const removed = changes.findLast((c) => c.eventName === 'REMOVE');
  const order: OrderSnapshot = item ?? {
    state: item === null && (changes.length > 0 || athenaCurrent) ? 'deleted' : 'unknown',
    version: removed?.version ?? null,
    status: null,
    customerName: null,
    totalCents: null,
    currency: null,
    createdAt: null,
    updatedAt: null,
    updatedBy: null,
  };
  const partitions = partitionsFor(kinesis.value, created, now.getTime());
  return {
    orderId,
    tracedAt: now.toISOString(),
    settled: isSettled(changes, item, athenaCurrent, {
      idAgeMs: now.getTime() - createdMs,
      pipeBudgetMs: deliveryBudgets().pipeBudgetMs,
    }),
    found: Boolean(item) || changes.length > 0 || athenaCurrent !== null,
    order,
    athenaCurrent,
    changes,
    deliveryBudgetMs: deliveryBudgets().deliveryBudgetMs,
    sources: {
      dynamodb: dynamo.state,
      kinesis: {
        ...kinesis.state,
        shards: kinesis.value?.shards ?? [],
        recordsScanned: kinesis.value?.recordsScanned ?? 0,
        truncated: kinesis.value?.truncated ?? false,
        since: since.toISOString(),
      },
      athena: {
        ...athena.state,
        queryIds: athena.value?.queryIds ?? [],
        bytesScanned: athena.value?.bytesScanned ?? 0,
        partitions:
          'dates' in partitions
            ? [...new Set(partitions.dates)].sort()
            : [`${partitions.from} … ${partitions.to}`],
      },
      s3: { ...objects.state, objects: objects.value?.size ?? 0 },
      errors: { ...errors.state, objectsRead: errors.value?.objectsRead ?? 0 },
      deadLetters: { ...(deadLetters?.state ?? { ok: true }), checked: deadLetters !== undefined },
    },
  };
}
