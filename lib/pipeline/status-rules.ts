import type { KinesisActivitySnapshot } from './kinesis-activity';
import type { DeliveredObject, StageHealth, StageStatus } from './health-types';
import { formatBytes, formatCount, formatDuration, plural } from '@/lib/format-units';

/**
 * The rules that turn measured facts into a status per stage, kept pure so they are tested
 * without AWS. Each collector yields either its facts or `{ failed }` with a safe reason.
 */
export type Failed = { failed: string };
export type Facts<T> = T | Failed;
export const isFailed = <T>(f: Facts<T>): f is Failed => typeof f === 'object' && f !== null && 'failed' in f;

export type TableFacts = {
  name: string;
  status: string;
  itemCount: number;
  sizeBytes: number;
  streamEnabled: boolean;
  streamArn: string | null;
};
export type StreamFacts = { status: string; shards: number; openShards: number };
export type KinesisFacts = { name: string; shards: number; openShards: number; activity: KinesisActivitySnapshot };
export type DeliveryFacts = {
  bucket: string;
  dt: string;
  objects: number;
  truncated: boolean;
  bytes: number;
  newest: DeliveredObject | null;
};
export type ErrorFacts = { prefix: string; objects: number; truncated: boolean; recentObjects: number; newestAt: string | null; topReason: string | null };
export type DlqFacts = { queue: string; visible: number; inFlight: number; topReason: string | null };
export type AthenaFacts = { rowsToday: number; newestChangeTime: string | null; dt: string };

export type HealthFacts = {
  now: number;
  table: Facts<TableFacts>;
  stream: Facts<StreamFacts>;
  kinesis: Facts<KinesisFacts>;
  delivery: Facts<DeliveryFacts>;
  errors: Facts<ErrorFacts>;
  deadLetters: Facts<DlqFacts>;
  athena: Facts<AthenaFacts>;
};

export type Thresholds = {
  /** Stream → Kinesis p95 above this is lagging (Pipes usually takes about a second). */
  pipeLatencyMs: number;
  /** Firehose may hold records this long (its buffering interval, with slack) before lag counts. */
  deliveryAllowanceMs: number;
  /** The Athena view may trail S3 by this much. */
  queryableAllowanceMs: number;
};

const RANK: Record<StageStatus, number> = { healthy: 0, lagging: 1, failing: 2 };
export const worstStatus = (statuses: readonly StageStatus[]): StageStatus =>
  statuses.reduce<StageStatus>((worst, s) => (RANK[s] > RANK[worst] ? s : worst), 'healthy');

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

function failedStage(base: Pick<StageHealth, 'id' | 'name' | 'resource'>, reason: string): StageHealth {
  return { ...base, status: 'failing', reason, lagMs: null, metrics: [] };
}

export function tableStage(f: Facts<TableFacts>, name: string): StageHealth {
  const base = { id: 'table', name: 'DynamoDB', resource: name } as const;
  if (isFailed(f)) return failedStage(base, `Cannot describe the table: ${f.failed}`);
  const metrics = [
    { label: 'Items', value: formatCount(f.itemCount) },
    { label: 'Size', value: formatBytes(f.sizeBytes) },
  ];
  if (!f.streamEnabled)
    return { ...base, status: 'failing', reason: 'The table stream is off: changes are not captured', lagMs: null, metrics };
  if (f.status !== 'ACTIVE')
    return { ...base, status: 'lagging', reason: `The table is ${f.status}`, lagMs: null, metrics };
  return { ...base, status: 'healthy', reason: 'Active, stream on (new and old images)', lagMs: null, metrics };
}

export function streamStage(f: Facts<StreamFacts>, resource: string): StageHealth {
  const base = { id: 'stream', name: 'Stream', resource } as const;
  if (isFailed(f)) return failedStage(base, `Cannot describe the stream: ${f.failed}`);
  const metrics = [
    { label: 'Open shards', value: formatCount(f.openShards) },
    { label: 'All shards', value: formatCount(f.shards) },
  ];
  if (f.status === 'ENABLED')
    return { ...base, status: 'healthy', reason: `Enabled, ${plural(f.openShards, 'open shard')}`, lagMs: null, metrics };
  const status = f.status === 'ENABLING' ? 'lagging' : 'failing';
  return { ...base, status, reason: `The stream is ${f.status}`, lagMs: null, metrics };
}

export function pipeStage(
  kinesis: Facts<KinesisFacts>,
  dlq: Facts<DlqFacts>,
  resource: string,
  t: Thresholds,
): StageHealth {
  const base = { id: 'pipe', name: 'Pipe', resource } as const;
  const latency = isFailed(kinesis) ? null : kinesis.activity.latency;
  // Minute-rounded change times only bound latency from above: say "≤", and claim no lag figure.
  const bound = latency?.minuteRounded ? '≤ ' : '';
  const metrics = [
    { label: 'Latency p50', value: latency ? `${bound}${formatDuration(latency.p50Ms)}` : '—' },
    { label: 'Latency p95', value: latency ? `${bound}${formatDuration(latency.p95Ms)}` : '—' },
    { label: 'Dead letters', value: isFailed(dlq) ? '?' : formatCount(dlq.visible + dlq.inFlight) },
  ];
  const lagMs = latency && !latency.minuteRounded ? latency.p50Ms : null;
  const rounding = latency?.minuteRounded ? ' (change times are rounded to the minute, so this is an upper bound)' : '';
  if (!isFailed(dlq) && dlq.visible + dlq.inFlight > 0) {
    const n = dlq.visible + dlq.inFlight;
    return {
      ...base,
      status: 'failing',
      reason: `${plural(n, 'batch', 'batches')} dead-lettered to ${dlq.queue}${dlq.topReason ? `: ${dlq.topReason}` : ''}`,
      lagMs,
      metrics,
    };
  }
  // Rounded change times overstate latency; judge by the floor so rounding alone is never lag.
  if (latency && latency.p95FloorMs > t.pipeLatencyMs)
    return {
      ...base,
      status: 'lagging',
      reason: `Changes take ${formatDuration(latency.p95Ms)} (p95) to reach Kinesis${rounding}`,
      lagMs,
      metrics,
    };
  const dlqNote = isFailed(dlq) ? `; dead-letter queue unreadable (${dlq.failed})` : '';
  const reason = isFailed(kinesis)
    ? `Latency unknown: Kinesis unreadable${dlqNote}`
    : !latency && kinesis.activity.warming
      ? `Measuring latency from the records on Kinesis…${dlqNote}`
      : latency
      ? latency.minuteRounded
        ? `Changes reach Kinesis within ${formatDuration(latency.p50Ms)} (p50, last 5 min; change times are rounded to the minute)${dlqNote}`
        : `Changes reach Kinesis in ${formatDuration(latency.p50Ms)} (p50, last 5 min)${dlqNote}`
      : `No changes in the last 5 minutes${dlqNote}`;
  return { ...base, status: isFailed(dlq) ? 'lagging' : 'healthy', reason, lagMs, metrics };
}

export function kinesisStage(f: Facts<KinesisFacts>, resource: string): StageHealth {
  const base = { id: 'kinesis', name: 'Kinesis', resource } as const;
  if (isFailed(f)) return failedStage(base, `Cannot read the stream: ${f.failed}`);
  const a = f.activity;
  const metrics = [
    { label: 'Records, last hour', value: formatCount(a.lastHour) },
    { label: 'Last minute', value: formatCount(a.lastMinute) },
    { label: 'Open shards', value: formatCount(f.openShards) },
  ];
  if (a.unavailable) return { ...base, status: 'failing', reason: a.unavailable, lagMs: null, metrics };
  if (f.openShards === 0) return { ...base, status: 'failing', reason: 'The stream has no open shard', lagMs: null, metrics };
  if (a.warming && a.lastHour === 0)
    return {
      ...base,
      status: 'healthy',
      reason: 'Reading the last hour of records…',
      lagMs: null,
      metrics: metrics.map((m) => (m.label === 'Open shards' ? m : { ...m, value: '…' })),
    };
  const since = a.warming ? ' (still reading the last hour)' : '';
  return {
    ...base,
    status: 'healthy',
    reason: `${plural(a.lastHour, 'record')} in the last hour${since}`,
    lagMs: null,
    metrics,
  };
}

/**
 * How long records have waited on Kinesis for Firehose: zero when its newest write (a data or an
 * error object) came after the newest arrival; otherwise the time since that write, which grows
 * while Firehose is stuck and stays under the buffering interval while it flows. Times of writes
 * are compared, not change times: refused records count as handled, and DynamoDB Local rounds
 * change times to the minute.
 */
export function deliveryLagMs(
  kinesis: Facts<KinesisFacts>,
  delivery: Facts<DeliveryFacts>,
  errors: Facts<ErrorFacts>,
  now: number,
): number | null {
  if (isFailed(kinesis) || isFailed(delivery)) return null;
  const arrival = ms(kinesis.activity.newestArrival);
  if (Number.isNaN(arrival)) return null;
  const written = Math.max(
    ms(delivery.newest?.lastModified) || -Infinity,
    (isFailed(errors) ? NaN : ms(errors.newestAt)) || -Infinity,
  );
  if (!Number.isFinite(written)) return Math.max(0, now - arrival);
  return written >= arrival ? 0 : Math.max(0, now - written);
}

export function firehoseStage(
  kinesis: Facts<KinesisFacts>,
  delivery: Facts<DeliveryFacts>,
  errors: Facts<ErrorFacts>,
  resource: string,
  now: number,
  t: Thresholds,
): StageHealth {
  const base = { id: 'firehose', name: 'Firehose', resource } as const;
  const lagMs = deliveryLagMs(kinesis, delivery, errors, now);
  const metrics = [
    { label: 'Lag', value: lagMs === null ? '—' : formatDuration(lagMs) },
    { label: 'Error objects', value: isFailed(errors) ? '?' : `${formatCount(errors.objects)}${errors.truncated ? '+' : ''}` },
    { label: 'Errors, last hour', value: isFailed(errors) ? '?' : formatCount(errors.recentObjects) },
  ];
  if (!isFailed(errors) && errors.recentObjects > 0)
    return {
      ...base,
      status: 'failing',
      reason: `${plural(errors.recentObjects, 'error object')} in the last hour${errors.topReason ? `: ${errors.topReason}` : ''}`,
      lagMs,
      metrics,
    };
  if (isFailed(delivery)) return { ...base, status: 'failing', reason: `Cannot see deliveries: ${delivery.failed}`, lagMs, metrics };
  if (lagMs !== null && lagMs > t.deliveryAllowanceMs)
    return { ...base, status: 'lagging', reason: `Records have waited ${formatDuration(lagMs)} on Kinesis without a delivery`, lagMs, metrics };
  const olderErrors = !isFailed(errors) && errors.objects > 0 ? `; ${plural(errors.objects, 'older error object')} kept` : '';
  const reason =
    lagMs === null
      ? `Nothing to deliver in the last hour${olderErrors}`
      : lagMs === 0
        ? `Caught up with Kinesis${olderErrors}`
        : `Delivering, ${formatDuration(lagMs)} since the last write${olderErrors}`;
  return { ...base, status: 'healthy', reason, lagMs, metrics };
}

export function s3Stage(f: Facts<DeliveryFacts>, resource: string): StageHealth {
  const base = { id: 's3', name: 'S3', resource } as const;
  if (isFailed(f)) return failedStage(base, `Cannot list the change log: ${f.failed}`);
  const metrics = [
    { label: 'Objects today', value: `${formatCount(f.objects)}${f.truncated ? '+' : ''}` },
    { label: 'Bytes today', value: formatBytes(f.bytes) },
    { label: 'Rows, newest', value: f.newest ? formatCount(f.newest.rows) : '—' },
  ];
  const reason = f.newest
    ? `Partition dt=${f.dt}; newest object written ${f.newest.lastModified.slice(11, 19)} UTC`
    : `No objects for dt=${f.dt} yet`;
  return { ...base, status: 'healthy', reason, lagMs: null, metrics };
}

export function athenaStage(
  f: Facts<AthenaFacts>,
  delivery: Facts<DeliveryFacts>,
  resource: string,
  t: Thresholds,
): StageHealth {
  const base = { id: 'athena', name: 'Athena', resource } as const;
  if (isFailed(f)) return failedStage(base, `The change log query failed: ${f.failed}`);
  const delivered = isFailed(delivery) ? NaN : ms(delivery.newest?.newestChangeTime);
  const queryable = ms(f.newestChangeTime);
  const lagMs = Number.isNaN(delivered) ? null : Number.isNaN(queryable) ? null : Math.max(0, delivered - queryable);
  const metrics = [
    { label: 'Rows today', value: formatCount(f.rowsToday) },
    { label: 'Behind S3', value: lagMs === null ? '—' : formatDuration(lagMs) },
  ];
  if (!Number.isNaN(delivered) && Number.isNaN(queryable))
    return { ...base, status: 'lagging', reason: 'Objects in S3 but no rows queryable yet', lagMs, metrics };
  if (lagMs !== null && lagMs > t.queryableAllowanceMs)
    return { ...base, status: 'lagging', reason: `Queries see changes ${formatDuration(lagMs)} older than S3 holds`, lagMs, metrics };
  return { ...base, status: 'healthy', reason: `${plural(f.rowsToday, 'change row')} queryable for dt=${f.dt}`, lagMs, metrics };
}
