import { describe, expect, it } from 'vitest';
import { transformRecords, type FirehoseTransformEvent } from '@/lib/cdc/transform';
import { changeLogBucket } from '@/lib/resources';
import {
  buildTransformEvent,
  transformBatch,
  type DeliveryTarget,
  type ErrorRecord,
  type SourceRecord,
} from '@/local/firehose-delivery';
import { storedOrder, streamRecord } from '../support/stream-records';

const target: DeliveryTarget = {
  deliveryStreamName: 'order-changes-to-s3',
  deliveryStreamArn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/order-changes-to-s3',
  sourceKinesisStreamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/order-changes',
  region: 'us-east-1',
  lambdaArn: 'arn:aws:lambda:us-east-1:000000000000:function:order-changes-transform:$LATEST',
  dataPrefix: changeLogBucket.dataPrefix,
  errorPrefix: changeLogBucket.errorPrefix,
};

const arrival = Date.parse('2026-03-11T09:30:00Z');
let sequence = 0;
function source(payload: unknown): SourceRecord {
  sequence++;
  return {
    shardId: 'shardId-000000000000',
    sequenceNumber: String(49_000_000 + sequence),
    partitionKey: 'k',
    data: Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)),
    arrivalTimestamp: arrival + sequence,
  };
}

const noSleep = async () => undefined;
const options = {
  transform: transformRecords,
  retryAttempts: 3,
  sleep: noSleep,
  now: () => new Date('2026-03-11T09:30:05Z'),
};
const errorLines = (body: string) =>
  body
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as ErrorRecord);

describe('buildTransformEvent', () => {
  it('is the event Firehose sends its Lambda for a Kinesis source', () => {
    const record = source({ a: 1 });
    const event = buildTransformEvent([record], target);
    expect(event).toEqual({
      invocationId: expect.any(String),
      deliveryStreamArn: target.deliveryStreamArn,
      sourceKinesisStreamArn: target.sourceKinesisStreamArn,
      region: 'us-east-1',
      records: [
        {
          recordId: expect.any(String),
          approximateArrivalTimestamp: record.arrivalTimestamp,
          data: Buffer.from('{"a":1}').toString('base64'),
          kinesisRecordMetadata: {
            shardId: 'shardId-000000000000',
            partitionKey: 'k',
            approximateArrivalTimestamp: record.arrivalTimestamp,
            sequenceNumber: record.sequenceNumber,
            subsequenceNumber: 0,
          },
        },
      ],
    });
  });
});

describe('transformBatch', () => {
  it('writes Ok rows per dt partition, skips Dropped records and sends ProcessingFailed ones to the error prefix', async () => {
    const day1 = streamRecord({ eventId: 'e1', createdAt: Date.parse('2026-03-10T23:59:59Z') / 1000 });
    const day2 = streamRecord({ eventId: 'e2', createdAt: Date.parse('2026-03-11T00:00:01Z') / 1000 });
    const otherEntity = streamRecord({ newImage: { ...storedOrder(), entity: 'customer' } });
    const poison = source('{not json');
    const batch = await transformBatch(
      [source(day1), poison, source(otherEntity), source(day2)],
      target,
      options,
    );

    expect(batch).toMatchObject({ ok: 2, dropped: 1, failed: 1, transformErrors: 0 });
    const data = batch.objects.filter((o) => o.kind === 'data');
    expect(data.map((o) => o.key)).toEqual([
      expect.stringMatching(
        /^order_changes_v2\/dt=2026-03-10\/order-changes-to-s3-1-2026-03-11-09-30-05-[0-9a-f-]{36}$/,
      ),
      expect.stringMatching(/^order_changes_v2\/dt=2026-03-11\/order-changes-to-s3-1-2026-03-11-09-30-05-/),
    ]);
    expect(data.map((o) => JSON.parse(o.body).event_id)).toEqual(['e1', 'e2']);
    expect(data.every((o) => o.body.endsWith('\n'))).toBe(true);

    const [errors] = batch.objects.filter((o) => o.kind === 'error');
    expect(errors!.key).toMatch(
      /^errors\/processing-failed\/2026\/03\/11\/09\/order-changes-to-s3-1-2026-03-11-09-30-05-/,
    );
    expect(errorLines(errors!.body)).toEqual([
      {
        attemptsMade: 1,
        arrivalTimestamp: poison.arrivalTimestamp,
        errorCode: 'Lambda.ProcessingFailed',
        errorMessage: 'data is not JSON',
        attemptEndingTimestamp: Date.parse('2026-03-11T09:30:05Z'),
        rawData: Buffer.from('{not json').toString('base64'),
        lambdaArn: target.lambdaArn,
      },
    ]);
  });

  it('retries a transform that throws, and succeeds when a retry does', async () => {
    let calls = 0;
    const flaky = (event: FirehoseTransformEvent) => {
      if (++calls < 3) throw new Error('Task timed out');
      return transformRecords(event);
    };
    const batch = await transformBatch([source(streamRecord())], target, { ...options, transform: flaky });
    expect(batch).toMatchObject({ ok: 1, failed: 0, transformErrors: 2 });
  });

  it('sends the whole invocation to the error prefix once the retries are used up', async () => {
    const broken = () => {
      throw new Error('boom');
    };
    const records = [source(streamRecord()), source('x')];
    const batch = await transformBatch(records, target, { ...options, transform: broken });
    expect(batch).toMatchObject({ ok: 0, failed: 2, transformErrors: 4 });
    const lines = errorLines(batch.objects[0]!.body);
    expect(lines.map((l) => [l.attemptsMade, l.errorCode, l.errorMessage])).toEqual([
      [4, 'Lambda.FunctionError', 'The transform failed: boom'],
      [4, 'Lambda.FunctionError', 'The transform failed: boom'],
    ]);
    expect(lines.map((l) => Buffer.from(l.rawData, 'base64').toString())).toEqual(
      records.map((r) => Buffer.from(r.data).toString()),
    );
  });

  it('treats a response that loses a recordId as a failed invocation', async () => {
    const lossy = (event: FirehoseTransformEvent) => ({ records: transformRecords(event).records.slice(1) });
    const batch = await transformBatch([source(streamRecord()), source(streamRecord())], target, {
      ...options,
      transform: lossy,
    });
    expect(batch.failed).toBe(2);
    expect(errorLines(batch.objects[0]!.body)[0]!.errorCode).toBe('Lambda.MissingRecordId');
  });

  it('sends an Ok record without a usable dt to partitioning-failed', async () => {
    const noDt = (event: FirehoseTransformEvent) => ({
      records: transformRecords(event).records.map((r) => ({
        ...r,
        metadata: { partitionKeys: { dt: '../x' } },
      })),
    });
    const batch = await transformBatch([source(streamRecord())], target, { ...options, transform: noDt });
    expect(batch.objects.map((o) => o.key.split('/').slice(0, 2).join('/'))).toEqual([
      'errors/partitioning-failed',
    ]);
  });

  it('invokes the transform in chunks of at most invocationBytes', async () => {
    const sizes: number[] = [];
    const counting = (event: FirehoseTransformEvent) => {
      sizes.push(event.records.length);
      return transformRecords(event);
    };
    const records = Array.from({ length: 5 }, () => source(streamRecord()));
    const each = records[0]!.data.byteLength;
    await transformBatch(records, target, { ...options, transform: counting, invocationBytes: each * 2 });
    expect(sizes).toEqual([2, 2, 1]);
  });
});
