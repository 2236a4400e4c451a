import { formatCount, formatDuration } from '@/lib/format-units';
import type { AthenaChangeRow } from './athena-rows';
import type { KinesisHit } from './kinesis-history';
import type { ObjectInfo } from './s3-objects';
import type {
  AthenaCurrentRow,
  ChangeStatus,
  ChangeTrace,
  OrderSnapshot,
  StageName,
  TraceFact,
  TraceStage,
} from './types';

/** A record of the order found in the Firehose error prefix. */
export type ErrorHit = {
  key: string;
  errorCode: string;
  errorMessage: string;
  eventID: string | null;
  eventName: string | null;
  version: number | null;
  failedAt: string | null;
  arrivedAt: string | null;
};

/** A record of the order in the pipe's dead-letter queue: the pipe gave up putting it on Kinesis. */
export type DeadLetterHit = {
  queue: string;
  messageId: string;
  reason: string;
  sentAt: string | null;
  eventName: string | null;
  sequenceNumber: string | null;
};

export type TimelineInput = {
  now: Date;
  /** Kinesis arrival → S3 object, past which an undelivered change counts as stuck. */
  deliveryBudgetMs: number;
  /** Firehose's buffering interval, for the "in flight" explanation. */
  bufferLabel: string;
  /** DynamoDB write → Kinesis record, past which a change not on Kinesis counts as stuck. */
  pipeBudgetMs: number;
  /** The DynamoDB item now; null when it does not exist, undefined when DynamoDB was not readable. */
  item: OrderSnapshot | null | undefined;
  /** undefined: that source was not readable. */
  kinesis: KinesisHit[] | undefined;
  athenaRows: AthenaChangeRow[] | undefined;
  /** The change-log query that found the rows. */
  athenaQueryId?: string;
  athenaCurrent: AthenaCurrentRow | null;
  objects: Map<string, ObjectInfo>;
  errors: ErrorHit[] | undefined;
  /** Only looked up when a write is missing from Kinesis; undefined when not looked up or unreadable. */
  deadLetters?: DeadLetterHit[];
};

type Accumulator = {
  key: string;
  hits: KinesisHit[];
  rows: AthenaChangeRow[];
  error: ErrorHit | undefined;
  /** A write known only from the DynamoDB item: not on the stream yet. */
  itemOnly: OrderSnapshot | undefined;
  deadLetter: DeadLetterHit | undefined;
};

const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : Number.NaN);

/** Stream sequence numbers are stored zero-padded to 40 digits; show them as DynamoDB does. */
const unpad = (sequence: string) => sequence.replace(/^0+(?=\d)/, '');

export { formatDuration };

function collect(input: TimelineInput): Accumulator[] {
  const byKey = new Map<string, Accumulator>();
  const entry = (key: string) => {
    let acc = byKey.get(key);
    if (!acc) {
      acc = { key, hits: [], rows: [], error: undefined, itemOnly: undefined, deadLetter: undefined };
      byKey.set(key, acc);
    }
    return acc;
  };
  for (const hit of input.kinesis ?? []) entry(hit.eventID ?? `kinesis:${hit.shardId}:${hit.sequenceNumber}`).hits.push(hit);
  for (const row of input.athenaRows ?? []) entry(row.eventId || `athena:${row.objectUri}:${row.version}`).rows.push(row);
  for (const error of input.errors ?? []) {
    const acc = entry(error.eventID ?? `error:${error.key}`);
    acc.error ??= error;
  }
  const item = input.item;
  const letters = [...(input.deadLetters ?? [])];
  if (item && item.state === 'exists' && item.version !== null) {
    const known = [...byKey.values()].some((acc) => versionOf(acc) === item.version);
    if (!known) {
      const acc = entry(`v${item.version}`);
      acc.itemOnly = item;
      // The newest dead letter of the order is this write's, as far as the queue can tell.
      acc.deadLetter = letters.pop();
    }
  }
  // Dead letters of writes that are no longer the item (later edited or deleted).
  for (const letter of letters) entry(`dlq:${letter.messageId}:${letter.sequenceNumber ?? ''}`).deadLetter = letter;
  return [...byKey.values()];
}

function versionOf(acc: Accumulator): number | null {
  return acc.hits[0]?.version ?? acc.rows[0]?.version ?? acc.error?.version ?? acc.itemOnly?.version ?? null;
}

function eventNameOf(acc: Accumulator): ChangeTrace['eventName'] {
  const name =
    acc.hits[0]?.eventName ??
    acc.rows[0]?.eventName ??
    acc.error?.eventName ??
    acc.deadLetter?.eventName ??
    (acc.itemOnly ? (acc.itemOnly.version === 1 ? 'INSERT' : 'MODIFY') : null);
  return name === 'INSERT' || name === 'MODIFY' || name === 'REMOVE' ? name : null;
}

/** Earliest time anything saw the change, for ordering changes of the same version. */
function firstSeen(acc: Accumulator): number {
  const times = [
    ms(acc.hits[0]?.changeTime),
    ms(acc.rows[0]?.changeTime),
    ms(acc.error?.arrivedAt),
    ms(acc.itemOnly?.updatedAt),
    ms(acc.deadLetter?.sentAt),
  ].filter(Number.isFinite);
  return times.length ? Math.min(...times) : Number.MAX_SAFE_INTEGER;
}

function stage(name: StageName, state: TraceStage['state'], at: string | null, facts: TraceFact[], note?: string): TraceStage {
  return { name, state, at, latencyMs: null, facts, ...(note ? { note } : {}) };
}

const ROUNDED_NOTE = 'Time rounded down by DynamoDB (to the minute locally); the next stage counts from the write.';

/**
 * Latency of each stage from the previous stage that has a time. Some clocks are coarse (the
 * stream's time is rounded down, S3's Last-Modified is whole seconds), so a stage may look earlier
 * than the one before it: it counts as 0, and the next stage counts from the later of the two.
 */
function withLatencies(stages: TraceStage[]): TraceStage[] {
  let previous: number | undefined;
  return stages.map((s) => {
    const at = ms(s.at);
    if (!Number.isFinite(at)) return s;
    const rounded = s.name === 'stream' && previous !== undefined && at < previous;
    // A rounded stream time says nothing about its latency: none rather than a false 0.
    const latencyMs = previous === undefined || rounded ? null : Math.max(0, at - previous);
    previous = previous === undefined ? at : Math.max(previous, at);
    return { ...s, latencyMs, ...(rounded && !s.note ? { note: ROUNDED_NOTE } : {}) };
  });
}

function buildChange(acc: Accumulator, input: TimelineInput): ChangeTrace {
  const now = input.now.getTime();
  const hit = acc.hits[0];
  const row = acc.rows[0];
  const { error, itemOnly, deadLetter } = acc;
  const version = versionOf(acc);
  const eventName = eventNameOf(acc);

  // DynamoDB write
  const writtenAt = eventName === 'REMOVE' ? null : (hit?.updatedAt ?? row?.updatedAt ?? itemOnly?.updatedAt ?? null);
  const dynamodb = stage(
    'dynamodb',
    'done',
    writtenAt,
    [
      ...(version !== null ? [{ label: 'version', value: String(version) }] : []),
      ...(eventName ? [{ label: 'write', value: eventName === 'INSERT' ? 'PutItem (new)' : eventName === 'REMOVE' ? 'DeleteItem' : 'UpdateItem' }] : []),
    ],
    eventName === 'REMOVE' ? 'A delete leaves no item, so its time is the stream record’s.' : undefined,
  );

  // Stream record
  const changeTime = hit?.changeTime ?? row?.changeTime ?? null;
  const streamSequence = hit?.streamSequenceNumber ?? (row ? unpad(row.sequenceNumber) : null);
  const eventId = hit?.eventID ?? row?.eventId ?? error?.eventID ?? null;
  const stream = changeTime
    ? stage('stream', 'done', changeTime, [
        ...(eventId ? [{ label: 'eventID', value: eventId, mono: true }] : []),
        ...(streamSequence ? [{ label: 'SequenceNumber', value: streamSequence, mono: true }] : []),
        ...(eventName ? [{ label: 'eventName', value: eventName }] : []),
      ])
    : error
      ? stage('stream', 'done', null, eventId ? [{ label: 'eventID', value: eventId, mono: true }] : [])
      : deadLetter
        ? stage('stream', 'done', null, deadLetter.sequenceNumber ? [{ label: 'SequenceNumber', value: deadLetter.sequenceNumber, mono: true }] : [], 'Read by the pipe, which could not deliver it.')
        : stage('stream', 'pending', null, [], 'No stream record seen yet.');

  // Kinesis
  let kinesis: TraceStage;
  let pipeStuck = false;
  if (hit) {
    kinesis = stage('kinesis', 'done', hit.arrivalTime, [
      { label: 'shard', value: hit.shardId, mono: true },
      { label: 'sequence', value: hit.sequenceNumber, mono: true },
      ...(acc.hits.length > 1 ? [{ label: 'copies', value: `${acc.hits.length} (redelivered; Athena's current state counts it once)` }] : []),
    ]);
  } else if (input.kinesis === undefined) {
    kinesis = stage('kinesis', 'unknown', null, [], 'Kinesis could not be read just now.');
  } else if (error?.arrivedAt) {
    // Firehose's error record keeps the Kinesis arrival time.
    kinesis = stage('kinesis', 'done', error.arrivedAt, [], 'Arrival time from the error record.');
  } else if (row || error) {
    kinesis = stage('kinesis', 'unknown', null, [], 'Not in the part of the stream this trace read (Kinesis keeps records for 24 h).');
  } else if (deadLetter) {
    pipeStuck = true;
    kinesis = stage(
      'kinesis',
      'stuck',
      deadLetter.sentAt,
      [
        { label: 'dead-letter queue', value: deadLetter.queue, mono: true },
        { label: 'message', value: deadLetter.messageId, mono: true },
        ...(deadLetter.sequenceNumber ? [{ label: 'stream sequence', value: deadLetter.sequenceNumber, mono: true }] : []),
      ],
      deadLetter.reason,
    );
  } else {
    const age = now - ms(itemOnly?.updatedAt);
    pipeStuck = Number.isFinite(age) && age > input.pipeBudgetMs;
    kinesis = pipeStuck
      ? stage('kinesis', 'stuck', null, [], `Written ${formatDuration(age)} ago and still not on Kinesis. The pipe retries failed puts, then sends the batch to its dead-letter queue.`)
      : stage('kinesis', 'pending', null, [], 'Written to DynamoDB; the pipe has not put it on Kinesis yet.');
  }

  // S3 object
  let s3: TraceStage;
  let deliveryStuck = false;
  if (row) {
    const object = input.objects.get(row.objectUri);
    s3 = stage('s3', 'done', object?.lastModified ?? null, [
      { label: 'object', value: object?.key ?? row.objectUri, mono: true },
      ...(object?.size !== undefined && object?.size !== null ? [{ label: 'size', value: `${formatCount(object.size)} bytes` }] : []),
      { label: 'partition', value: `dt=${row.dt}`, mono: true },
    ]);
  } else if (error) {
    s3 = stage(
      's3',
      'failed',
      error.failedAt,
      [
        { label: 'error object', value: error.key, mono: true },
        { label: 'errorCode', value: error.errorCode, mono: true },
      ],
      error.errorMessage,
    );
  } else if (hit && input.athenaRows === undefined) {
    s3 = stage('s3', 'unknown', null, [], 'Objects are found through Athena, which could not be queried just now.');
  } else if (hit) {
    const age = now - ms(hit.arrivalTime);
    deliveryStuck = Number.isFinite(age) && age > input.deliveryBudgetMs;
    s3 = deliveryStuck
      ? stage('s3', 'stuck', null, [], `On Kinesis for ${formatDuration(age)} but in neither the change log nor the error prefix. Is Firehose delivering?`)
      : stage('s3', 'pending', null, [], `In Kinesis, not yet in S3: Firehose buffers up to ${input.bufferLabel}.`);
  } else {
    s3 = stage('s3', 'pending', null, []);
  }

  // Athena
  // Athena has no arrival time of its own: a row is queryable once its object is in S3 (partition
  // projection on AWS; the local facade lists new files before each query).
  const athena = row
    ? stage('athena', 'done', null, [
        { label: 'row', value: `${row.eventName} v${row.version}, total_cents ${row.totalCents}` },
        { label: 'change_time', value: row.changeTime, mono: true },
        ...(input.athenaQueryId ? [{ label: 'query', value: input.athenaQueryId, mono: true }] : []),
        ...(acc.rows.length > 1 ? [{ label: 'rows', value: `${acc.rows.length} (redelivered)` }] : []),
      ])
    : input.athenaRows === undefined
      ? stage('athena', 'unknown', null, [], 'Athena could not be queried just now.')
      : error
        ? stage('athena', 'failed', null, [], 'Never reaches Athena: the record failed in Firehose.')
        : stage('athena', 'pending', null, []);

  const stages = withLatencies([dynamodb, stream, kinesis, s3, athena]);
  const start = ms(dynamodb.at ?? stream.at);
  const delivered = ms(s3.state === 'done' ? s3.at : null);
  const endToEndMs = Number.isFinite(start) && Number.isFinite(delivered) ? Math.max(0, delivered - start) : null;

  let status: ChangeStatus = 'in_flight';
  let reason: string | null = null;
  if (row) status = 'complete';
  else if (error) {
    status = 'failed';
    reason = `Failed in Firehose: it sits in the error prefix (${error.key}) with this reason: ${error.errorMessage}`;
  } else if (deliveryStuck) {
    status = 'stuck';
    reason = `Stuck between Kinesis and S3: ${s3.note}`;
  } else if (deadLetter) {
    status = 'stuck';
    reason = `Stuck before Kinesis: the pipe gave up and it sits in the dead-letter queue (${deadLetter.queue}) with this reason: ${deadLetter.reason}`;
  } else if (pipeStuck) {
    status = 'stuck';
    reason = `Stuck between DynamoDB and Kinesis: ${kinesis.note}`;
  } else reason = (hit ? s3.note : kinesis.note) ?? null;

  return {
    key: acc.key,
    version,
    eventName,
    status,
    reason,
    stages,
    endToEndMs,
    totalCents: hit?.totalCents ?? row?.totalCents ?? itemOnly?.totalCents ?? null,
    currency: hit?.currency ?? row?.currency ?? itemOnly?.currency ?? null,
    updatedBy: hit?.updatedBy ?? row?.updatedBy ?? itemOnly?.updatedBy ?? null,
  };
}

/** Every change of the order, oldest first, each with its stages, latencies and status. */
export function assembleChanges(input: TimelineInput): ChangeTrace[] {
  return collect(input)
    .map((acc) => ({ acc, version: versionOf(acc) ?? Number.MAX_SAFE_INTEGER, seen: firstSeen(acc) }))
    .sort((a, b) => a.version - b.version || a.seen - b.seen)
    .map(({ acc }) => buildChange(acc, input));
}

/** Nothing left to wait for: no change in flight, and Athena's current state agrees with DynamoDB. */
/**
 * Whether anything more can still arrive. An order missing from DynamoDB is settled once its REMOVE
 * is traced, or once its id is older than the pipe's budget: a just-deleted order's changes may
 * not have reached Kinesis yet, and it must not read as "never existed" meanwhile.
 */
export function isSettled(
  changes: readonly ChangeTrace[],
  item: OrderSnapshot | null | undefined,
  current: AthenaCurrentRow | null,
  recency?: { idAgeMs: number; pipeBudgetMs: number },
): boolean {
  if (changes.some((c) => c.status === 'in_flight')) return false;
  if (item?.state === 'exists' && item.version !== null) {
    const failedLatest = changes.some((c) => c.version === item.version && c.status !== 'complete');
    return failedLatest || current?.version === item.version;
  }
  if (item === null && recency && recency.idAgeMs < recency.pipeBudgetMs) {
    return changes.some((c) => c.eventName === 'REMOVE');
  }
  return true;
}
