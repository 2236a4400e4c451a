import { randomUUID } from 'node:crypto';
import type {
  FirehoseTransformEvent,
  FirehoseTransformResult,
  TransformResultRecord,
} from '@/lib/cdc/transform';
import { backoffDelay, errorText, sleep as defaultSleep, type Sleep } from './retry';
import { firehoseObjectName, renderPrefix } from './s3-files';

/** One Kinesis record as the Firehose worker read it. */
export type SourceRecord = {
  shardId: string;
  sequenceNumber: string;
  subsequenceNumber?: number;
  partitionKey: string;
  data: Uint8Array;
  /** Kinesis ApproximateArrivalTimestamp, epoch ms. */
  arrivalTimestamp: number;
};

export type DeliveryTarget = {
  deliveryStreamName: string;
  deliveryStreamArn: string;
  sourceKinesisStreamArn: string;
  region: string;
  lambdaArn: string;
  dataPrefix: string;
  errorPrefix: string;
  /** Appended to data object names: `.parquet` when records are converted to Parquet. */
  dataFileExtension?: string;
};

/** Called like the Lambda: with the Firehose event, answering a record per recordId. */
export type TransformFunction = (
  event: FirehoseTransformEvent,
) => FirehoseTransformResult | Promise<FirehoseTransformResult>;

/** A line of a Firehose error object (processing-failed and partitioning-failed), in AWS's shape. */
export type ErrorRecord = {
  attemptsMade: number;
  arrivalTimestamp: number;
  errorCode: string;
  errorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
  lambdaArn: string;
};

/** `body` is newline-delimited JSON; data objects are converted (to Parquet) when written. */
export type PreparedObject = { kind: 'data' | 'error'; key: string; body: string; records: number };

export type PreparedBatch = {
  objects: PreparedObject[];
  ok: number;
  dropped: number;
  failed: number;
  transformErrors: number;
};

export type TransformOptions = {
  transform: TransformFunction;
  /** Retries of a failing invocation before its records go to the error prefix. */
  retryAttempts: number;
  /** Records per invocation are capped by this many bytes of data (Lambda takes at most 6 MB). */
  invocationBytes?: number;
  retryBaseDelayMs?: number;
  sleep?: Sleep;
  now?: () => Date;
};

class InvalidTransformOutput extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const VALID_RESULTS = new Set(['Ok', 'Dropped', 'ProcessingFailed']);
/** A partition value must stay one path segment. */
const SAFE_PARTITION_VALUE = /^[A-Za-z0-9_.=-]+$/;

function chunkByBytes(records: readonly SourceRecord[], maxBytes: number): SourceRecord[][] {
  const chunks: SourceRecord[][] = [];
  let current: SourceRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    if (current.length && bytes + record.data.byteLength > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(record);
    bytes += record.data.byteLength;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

export function buildTransformEvent(
  records: readonly SourceRecord[],
  target: DeliveryTarget,
): FirehoseTransformEvent {
  return {
    invocationId: randomUUID(),
    deliveryStreamArn: target.deliveryStreamArn,
    sourceKinesisStreamArn: target.sourceKinesisStreamArn,
    region: target.region,
    records: records.map((r, i) => ({
      recordId: `${r.sequenceNumber}-${r.subsequenceNumber ?? 0}-${i}`,
      approximateArrivalTimestamp: r.arrivalTimestamp,
      data: Buffer.from(r.data).toString('base64'),
      kinesisRecordMetadata: {
        shardId: r.shardId,
        partitionKey: r.partitionKey,
        approximateArrivalTimestamp: r.arrivalTimestamp,
        sequenceNumber: r.sequenceNumber,
        subsequenceNumber: r.subsequenceNumber ?? 0,
      },
    })),
  };
}

/** Firehose rejects a whole response that loses, repeats or invents a recordId. */
function checkResponse(
  event: FirehoseTransformEvent,
  response: FirehoseTransformResult,
): Map<string, TransformResultRecord> {
  if (!response || !Array.isArray(response.records))
    throw new InvalidTransformOutput('Lambda.JsonProcessingException', 'the response has no records array');
  const byId = new Map<string, TransformResultRecord>();
  for (const record of response.records) {
    if (byId.has(record.recordId))
      throw new InvalidTransformOutput(
        'Lambda.DuplicatedRecordId',
        `recordId ${record.recordId} is returned twice`,
      );
    if (!VALID_RESULTS.has(record.result))
      throw new InvalidTransformOutput(
        'Lambda.JsonProcessingException',
        `record ${record.recordId} has result ${String(record.result)}`,
      );
    byId.set(record.recordId, record);
  }
  for (const { recordId } of event.records) {
    if (!byId.has(recordId))
      throw new InvalidTransformOutput(
        'Lambda.MissingRecordId',
        `recordId ${recordId} is missing from the response`,
      );
  }
  if (byId.size !== event.records.length)
    throw new InvalidTransformOutput('Lambda.MissingRecordId', 'the response has records that were not sent');
  return byId;
}

/**
 * Runs the transform over a buffered batch the way Firehose runs its Lambda processor, and turns
 * the answers into objects: Ok rows grouped into one object per `dt` partition, failures into
 * newline-delimited error records under the error prefix. Nothing is written here.
 */
export async function transformBatch(
  records: readonly SourceRecord[],
  target: DeliveryTarget,
  options: TransformOptions,
): Promise<PreparedBatch> {
  const { retryAttempts, sleep = defaultSleep, now = () => new Date() } = options;
  const partitions = new Map<string, { rows: string[]; oldest: number }>();
  const errors = new Map<string, { lines: ErrorRecord[]; oldest: number }>();
  const batch: PreparedBatch = { objects: [], ok: 0, dropped: 0, failed: 0, transformErrors: 0 };

  const addError = (
    type: string,
    record: SourceRecord,
    error: Omit<ErrorRecord, 'arrivalTimestamp' | 'rawData' | 'lambdaArn' | 'attemptEndingTimestamp'>,
  ) => {
    const group = errors.get(type) ?? { lines: [], oldest: record.arrivalTimestamp };
    group.oldest = Math.min(group.oldest, record.arrivalTimestamp);
    group.lines.push({
      attemptsMade: error.attemptsMade,
      arrivalTimestamp: record.arrivalTimestamp,
      errorCode: error.errorCode,
      errorMessage: error.errorMessage,
      attemptEndingTimestamp: now().getTime(),
      rawData: Buffer.from(record.data).toString('base64'),
      lambdaArn: target.lambdaArn,
    });
    errors.set(type, group);
    batch.failed++;
  };

  for (const chunk of chunkByBytes(records, options.invocationBytes ?? 1024 * 1024)) {
    const event = buildTransformEvent(chunk, target);
    let answers: Map<string, TransformResultRecord> | undefined;
    let lastError: { code: string; message: string } = { code: 'Lambda.FunctionError', message: '' };
    let attempts = 0;
    while (!answers && attempts <= retryAttempts) {
      attempts++;
      try {
        answers = checkResponse(event, await options.transform(event));
      } catch (error) {
        batch.transformErrors++;
        lastError =
          error instanceof InvalidTransformOutput
            ? { code: error.code, message: error.message }
            : { code: 'Lambda.FunctionError', message: `The transform failed: ${errorText(error)}` };
        if (attempts <= retryAttempts)
          await sleep(backoffDelay(attempts, options.retryBaseDelayMs ?? 100, 5_000));
      }
    }
    chunk.forEach((record, i) => {
      const answer = answers?.get(event.records[i]!.recordId);
      if (!answer)
        return addError('processing-failed', record, {
          attemptsMade: attempts,
          errorCode: lastError.code,
          errorMessage: lastError.message,
        });
      if (answer.result === 'Dropped') {
        batch.dropped++;
        return;
      }
      if (answer.result === 'ProcessingFailed') {
        return addError('processing-failed', record, {
          attemptsMade: 1,
          errorCode: 'Lambda.ProcessingFailed',
          errorMessage: answer.errorMessage ?? 'The transform returned ProcessingFailed for this record',
        });
      }
      const dt = answer.metadata?.partitionKeys?.dt;
      if (!dt || !SAFE_PARTITION_VALUE.test(dt)) {
        return addError('partitioning-failed', record, {
          attemptsMade: 1,
          errorCode: 'DynamicPartitioning.MetadataExtractionFailed',
          errorMessage: dt
            ? `partition key dt "${dt}" is not a valid path segment`
            : 'the transform returned no partition key dt',
        });
      }
      const partition = partitions.get(dt) ?? { rows: [], oldest: record.arrivalTimestamp };
      partition.oldest = Math.min(partition.oldest, record.arrivalTimestamp);
      partition.rows.push(Buffer.from(answer.data, 'base64').toString('utf8'));
      partitions.set(dt, partition);
      batch.ok++;
    });
  }

  const name = () => firehoseObjectName(target.deliveryStreamName, now());
  for (const [dt, { rows, oldest }] of partitions) {
    const prefix = renderPrefix(target.dataPrefix, { timestamp: new Date(oldest), partitionKeys: { dt } });
    batch.objects.push({
      kind: 'data',
      key: `${prefix}${name()}${target.dataFileExtension ?? ''}`,
      body: rows.join(''),
      records: rows.length,
    });
  }
  for (const [type, { lines, oldest }] of errors) {
    const prefix = renderPrefix(target.errorPrefix, { timestamp: new Date(oldest), errorOutputType: type });
    batch.objects.push({
      kind: 'error',
      key: `${prefix}${name()}`,
      body: lines.map((l) => `${JSON.stringify(l)}\n`).join(''),
      records: lines.length,
    });
  }
  return batch;
}
