import { NotAnOrder, PoisonRecord, toChangeRow } from './change-row';

/**
 * The Firehose data-transformation contract (what the Lambda receives and returns). The Lambda in
 * infra/ and the local Firehose worker both call transformRecords, so they cannot drift apart.
 */
export type FirehoseTransformEvent = {
  invocationId: string;
  deliveryStreamArn: string;
  sourceKinesisStreamArn?: string;
  region: string;
  records: {
    recordId: string;
    approximateArrivalTimestamp: number;
    /** base64 of the Kinesis record's data */
    data: string;
    kinesisRecordMetadata?: {
      shardId: string;
      partitionKey: string;
      approximateArrivalTimestamp: number;
      sequenceNumber: string;
      subsequenceNumber: number;
    };
  }[];
};

export type TransformResultRecord = {
  recordId: string;
  result: 'Ok' | 'Dropped' | 'ProcessingFailed';
  /** base64 of one JSON change row plus a newline; Firehose converts it to Parquet (OpenX JSON SerDe). */
  data: string;
  metadata?: { partitionKeys: { dt: string } };
  /**
   * Why a record failed. Firehose itself ignores this field (on AWS the reason is in the Lambda's
   * log, keyed by recordId); the local worker writes it to the error prefix as errorMessage.
   */
  errorMessage?: string;
};

export type FirehoseTransformResult = { records: TransformResultRecord[] };

export type TransformLogger = (entry: { recordId: string; result: string; reason: string }) => void;

export function transformRecords(event: FirehoseTransformEvent, log: TransformLogger = () => {}): FirehoseTransformResult {
  return {
    // Every recordId comes back, in order: Firehose fails the whole batch otherwise.
    records: event.records.map((record): TransformResultRecord => {
      try {
        const { row, dt } = toChangeRow(Buffer.from(record.data, 'base64').toString('utf8'));
        return {
          recordId: record.recordId,
          result: 'Ok',
          data: Buffer.from(`${JSON.stringify(row)}\n`).toString('base64'),
          metadata: { partitionKeys: { dt } },
        };
      } catch (error) {
        if (error instanceof NotAnOrder) {
          log({ recordId: record.recordId, result: 'Dropped', reason: 'not an order item' });
          return { recordId: record.recordId, result: 'Dropped', data: record.data };
        }
        const reason = error instanceof PoisonRecord ? error.reason : `transform error: ${(error as Error).message}`;
        log({ recordId: record.recordId, result: 'ProcessingFailed', reason });
        return { recordId: record.recordId, result: 'ProcessingFailed', data: record.data, errorMessage: reason };
      }
    }),
  };
}
