import { PutRecordsCommand, type PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { backoffDelay, errorText, sleep as defaultSleep, type Sleep } from './retry';

/** Kinesis PutRecords limits: 500 records and 5 MiB a call, 1 MiB a record (data plus partition key). */
export const PUT_RECORDS_LIMITS = {
  records: 500,
  bytes: 5 * 1024 * 1024,
  recordBytes: 1024 * 1024,
  partitionKeyLength: 256,
};

export type PipeEntry = {
  partitionKey: string;
  data: Uint8Array;
  /** The source (DynamoDB stream) sequence number, for checkpoints and the dead-letter file. */
  sequenceNumber: string;
};

export type DeadLetter<E extends PipeEntry = PipeEntry> = { entry: E; reason: string; attempts: number };

export type DeliveryResult<E extends PipeEntry = PipeEntry> = {
  delivered: number;
  deadLetters: DeadLetter<E>[];
  putCalls: number;
  /** Records sent again after a failure. */
  retries: number;
};

export type PutRecordsSender = {
  send: (
    command: PutRecordsCommand,
    options?: { abortSignal?: AbortSignal },
  ) => Promise<PutRecordsCommandOutput>;
};

export type DeliveryOptions = {
  streamName: string;
  /** Retries after the first attempt before a record goes to the dead-letter location. */
  maximumRetryAttempts: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  maxRecordsPerCall?: number;
  sleep?: Sleep;
  /** Aborting stops between attempts with DeliveryAborted; nothing is dead-lettered. */
  signal?: AbortSignal;
};

export class DeliveryAborted extends Error {
  constructor() {
    super('delivery aborted');
    this.name = 'DeliveryAborted';
  }
}

const entryBytes = (e: PipeEntry) => e.data.byteLength + Buffer.byteLength(e.partitionKey);

type Pending<E> = { entry: E; attempts: number; lastError?: string };

/**
 * The records of the next PutRecords call: the earliest pending record of each partition key, in
 * order, within the call limits. A key never has two records in flight, so when one fails and is
 * retried, a later change of the same order cannot overtake it.
 */
export function selectPutCall<E extends PipeEntry>(
  pending: readonly { entry: E }[],
  maxRecords = PUT_RECORDS_LIMITS.records,
): number[] {
  const seen = new Set<string>();
  const chosen: number[] = [];
  let bytes = 0;
  for (let i = 0; i < pending.length && chosen.length < maxRecords; i++) {
    const { entry } = pending[i]!;
    if (seen.has(entry.partitionKey)) continue;
    seen.add(entry.partitionKey);
    const size = entryBytes(entry);
    if (chosen.length > 0 && bytes + size > PUT_RECORDS_LIMITS.bytes) break;
    chosen.push(i);
    bytes += size;
  }
  return chosen;
}

/** Why a record can never be put, or undefined when it can. */
function unsendable(entry: PipeEntry): string | undefined {
  if (!entry.partitionKey) return 'the partition key path found no value in the record';
  if (entry.partitionKey.length > PUT_RECORDS_LIMITS.partitionKeyLength)
    return 'the partition key is longer than 256 characters';
  if (entryBytes(entry) > PUT_RECORDS_LIMITS.recordBytes)
    return `the record is ${entryBytes(entry)} bytes; Kinesis accepts at most 1 MiB`;
  return undefined;
}

/**
 * Puts records on Kinesis as EventBridge Pipes does with a bounded retry policy: partial failures
 * and failed calls are retried with exponential backoff, up to `maximumRetryAttempts` retries per
 * record; what still fails is returned as dead letters with its last error.
 */
export async function putRecordsInOrder<E extends PipeEntry>(
  client: PutRecordsSender,
  entries: readonly E[],
  options: DeliveryOptions,
): Promise<DeliveryResult<E>> {
  const {
    streamName,
    maximumRetryAttempts,
    baseDelayMs = 100,
    maxDelayMs = 5_000,
    sleep = defaultSleep,
    signal,
  } = options;
  const result: DeliveryResult<E> = { delivered: 0, deadLetters: [], putCalls: 0, retries: 0 };
  let pending: Pending<E>[] = [];
  for (const entry of entries) {
    const reason = unsendable(entry);
    if (reason) result.deadLetters.push({ entry, reason, attempts: 0 });
    else pending.push({ entry, attempts: 0 });
  }

  while (pending.length > 0) {
    if (signal?.aborted) throw new DeliveryAborted();
    const call = selectPutCall(pending, options.maxRecordsPerCall);
    const inFlight = call.map((i) => pending[i]!);
    const sent = new Set(inFlight);
    result.retries += inFlight.filter((p) => p.attempts > 0).length;
    result.putCalls++;
    const failed = new Set<Pending<E>>();
    try {
      const response = await client.send(
        new PutRecordsCommand({
          StreamName: streamName,
          Records: inFlight.map((p) => ({ PartitionKey: p.entry.partitionKey, Data: p.entry.data })),
        }),
        { abortSignal: signal },
      );
      inFlight.forEach((p, i) => {
        const outcome = response.Records?.[i];
        if (outcome && !outcome.ErrorCode && outcome.SequenceNumber) return;
        p.lastError = outcome?.ErrorCode
          ? `${outcome.ErrorCode}: ${outcome.ErrorMessage ?? ''}`.trim()
          : 'no result for this record';
        failed.add(p);
      });
    } catch (error) {
      if (signal?.aborted) throw new DeliveryAborted();
      for (const p of inFlight) {
        p.lastError = `PutRecords failed: ${errorText(error)}`;
        failed.add(p);
      }
    }

    let worstAttempt = 0;
    const stillPending: Pending<E>[] = [];
    for (const p of pending) {
      if (!sent.has(p)) stillPending.push(p);
      else if (!failed.has(p)) result.delivered++;
      else if (++p.attempts > maximumRetryAttempts)
        result.deadLetters.push({ entry: p.entry, reason: p.lastError ?? 'unknown', attempts: p.attempts });
      else {
        worstAttempt = Math.max(worstAttempt, p.attempts);
        stillPending.push(p);
      }
    }
    pending = stillPending;
    if (worstAttempt > 0) await sleep(backoffDelay(worstAttempt, baseDelayMs, maxDelayMs), signal);
  }
  return result;
}
