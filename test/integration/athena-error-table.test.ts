import { GetTableMetadataCommand } from '@aws-sdk/client-athena';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_COLUMNS, errorTable } from '@/lib/analytics/error-table';
import type { FirehoseTransformEvent } from '@/lib/cdc/transform';
import { BUILT_IN_QUERIES, FAILED_RECORDS_QUERY } from '@/lib/queries/built-in';
import { changeLogBucket, deliveryStream } from '@/lib/resources';
import { transformBatch, type DeliveryTarget, type SourceRecord } from '@/local/firehose-delivery';
import { objectPath } from '@/local/s3-files';
import { asObjects, removeDataDir, runQuery, startAthenaHarness, type AthenaHarness } from '@/test/support/athena';

let athena: AthenaHarness;

const target: DeliveryTarget = {
  deliveryStreamName: deliveryStream.name,
  deliveryStreamArn: `arn:aws:firehose:us-east-1:000000000000:deliverystream/${deliveryStream.name}`,
  sourceKinesisStreamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/order-changes',
  region: 'us-east-1',
  lambdaArn: `arn:aws:lambda:us-east-1:000000000000:function:${deliveryStream.transformFunctionName}`,
  dataPrefix: changeLogBucket.dataPrefix,
  errorPrefix: changeLogBucket.errorPrefix,
};

const ORDER_ID = '01JERRTAB1E000000000000000';
const poison = JSON.stringify({
  eventID: 'err-table-1',
  eventName: 'MODIFY',
  dynamodb: { Keys: { order_id: { S: ORDER_ID } }, NewImage: { order_id: { S: ORDER_ID }, total_cents: { N: 'abc' } } },
});
const ARRIVED = Date.UTC(2026, 10, 20, 10, 15, 0, 123);
const FAILED = Date.UTC(2026, 10, 20, 10, 15, 1, 456);

/** Writes what the local Firehose worker writes for one batch (local/firehose-delivery.ts). */
async function deliverFailures(records: SourceRecord[], message: string): Promise<string[]> {
  const batch = await transformBatch(records, target, {
    retryAttempts: 0,
    now: () => new Date(FAILED),
    transform: (event: FirehoseTransformEvent) => ({
      records: event.records.map((r) => ({ recordId: r.recordId, result: 'ProcessingFailed' as const, data: r.data, errorMessage: message })),
    }),
  });
  const keys: string[] = [];
  for (const object of batch.objects.filter((o) => o.kind === 'error')) {
    const file = objectPath(athena.dataDir, changeLogBucket.name, object.key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, object.body);
    keys.push(object.key);
  }
  return keys;
}

/** A format-conversion-failed object in both documented spellings, plus a line that is not JSON. */
async function writeConversionFailures(): Promise<void> {
  const key = `${errorTable.prefix}format-conversion-failed/2026/11/20/11/order-changes-to-s3-1-2026-11-20-11-00-00-fixture`;
  const file = objectPath(athena.dataDir, changeLogBucket.name, key);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const raw = Buffer.from('{"order_id":"01JCONVERT000000000000000000"}').toString('base64');
  await fs.writeFile(
    file,
    [
      JSON.stringify({ attemptsMade: 1, arrivalTimestamp: ARRIVED, ErrorCode: 'DataFormatConversion.ParseError', ErrorMessage: 'bad field', attemptEndingTimestamp: FAILED + 3_600_000, rawData: raw, sequenceNumber: '4957' }),
      'this line is not JSON',
      JSON.stringify({ attemptsMade: 2, arrivalTimestamp: ARRIVED, lastErrorCode: 'DataFormatConversion.InvalidSchema', lastErrorMessage: 'old spelling', attemptEndingTimestamp: FAILED + 3_600_001, rawData: raw }),
      '',
    ].join('\n'),
  );
}

beforeAll(async () => {
  athena = await startAthenaHarness();
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

describe('order_change_errors in the local Athena', () => {
  it('reads a processing-failed object as the local Firehose writes it: code, message, decoded record, attempts, times', async () => {
    const keys = await deliverFailures(
      [{ shardId: 'shardId-000000000000', sequenceNumber: '1', partitionKey: ORDER_ID, data: Buffer.from(poison), arrivalTimestamp: ARRIVED }],
      'total_cents is not a number',
    );
    expect(keys).toEqual([expect.stringMatching(/^errors\/processing-failed\/2026\/11\/20\/10\//)]);

    const result = await runQuery(
      athena.client,
      `SELECT error_code, error_message, from_utf8(from_base64(raw_data)) AS record,
              json_extract_scalar(from_utf8(from_base64(raw_data)), '$.dynamodb.Keys.order_id.S') AS order_id,
              attempts_made, arrival_time, failure_time, lambda_arn, error_output_type, datehour
       FROM order_change_errors WHERE error_output_type = 'processing-failed'`,
    );
    expect(result.columns.map((c) => [c.Name, c.Type])).toEqual([
      ['error_code', 'varchar'],
      ['error_message', 'varchar'],
      ['record', 'varchar'],
      ['order_id', 'varchar'],
      ['attempts_made', 'bigint'],
      ['arrival_time', 'timestamp'],
      ['failure_time', 'timestamp'],
      ['lambda_arn', 'varchar'],
      ['error_output_type', 'varchar'],
      ['datehour', 'varchar'],
    ]);
    expect(asObjects(result)).toEqual([
      {
        error_code: 'Lambda.ProcessingFailed',
        error_message: 'total_cents is not a number',
        record: poison,
        order_id: ORDER_ID,
        attempts_made: '1',
        arrival_time: '2026-11-20 10:15:00.123',
        failure_time: '2026-11-20 10:15:01.456',
        lambda_arn: target.lambdaArn,
        error_output_type: 'processing-failed',
        datehour: '2026/11/20/10',
      },
    ]);
  });

  it('reads both spellings of format-conversion-failed records and skips a malformed line', async () => {
    await writeConversionFailures();
    const rows = asObjects(
      await runQuery(
        athena.client,
        `SELECT error_code, error_message, last_error_code, last_error_message, attempts_made, sequence_number
         FROM sales_cdc.order_change_errors WHERE error_output_type = 'format-conversion-failed' ORDER BY attempts_made`,
      ),
    );
    expect(rows).toEqual([
      { error_code: 'DataFormatConversion.ParseError', error_message: 'bad field', last_error_code: null, last_error_message: null, attempts_made: '1', sequence_number: '4957' },
      { error_code: null, error_message: null, last_error_code: 'DataFormatConversion.InvalidSchema', last_error_message: 'old spelling', attempts_made: '2', sequence_number: null },
    ]);
  });

  it('answers the built-in "Failed records" query newest first, with the order id from the payload', async () => {
    const query = BUILT_IN_QUERIES.find((q) => q.name === FAILED_RECORDS_QUERY)!;
    const rows = asObjects(await runQuery(athena.client, query.sql));
    expect(rows.map((r) => [r.error_code, r.error_message, r.order_id, r.attempts_made])).toEqual([
      ['DataFormatConversion.InvalidSchema', 'old spelling', null, '2'],
      ['DataFormatConversion.ParseError', 'bad field', null, '1'],
      ['Lambda.ProcessingFailed', 'total_cents is not a number', ORDER_ID, '1'],
    ]);
    expect(rows[2]!.record).toBe(poison);
  });

  it('picks up error objects written after the first query', async () => {
    await deliverFailures(
      [{ shardId: 'shardId-000000000001', sequenceNumber: '2', partitionKey: 'x', data: Buffer.from('not json {'), arrivalTimestamp: ARRIVED + 1 }],
      'The record is not JSON',
    );
    const rows = asObjects(
      await runQuery(athena.client, `SELECT error_message, from_utf8(from_base64(raw_data)) AS record FROM order_change_errors WHERE error_message = 'The record is not JSON'`),
    );
    expect(rows).toEqual([{ error_message: 'The record is not JSON', record: 'not json {' }]);
  });

  it('is in the catalog with its columns and both partition keys, and in SHOW TABLES and SHOW PARTITIONS', async () => {
    const { TableMetadata } = await athena.client.send(
      new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc', TableName: errorTable.name }),
    );
    expect(TableMetadata?.Columns?.map((c) => [c.Name, c.Type])).toEqual(ERROR_COLUMNS.map((c) => [c.name, c.glue]));
    expect(TableMetadata?.PartitionKeys).toEqual([
      { Name: 'error_output_type', Type: 'string' },
      { Name: 'datehour', Type: 'string' },
    ]);
    const tables = await runQuery(athena.client, 'SHOW TABLES');
    expect(tables.rows.flat()).toContain(errorTable.name);
    const partitions = await runQuery(athena.client, `SHOW PARTITIONS ${errorTable.name}`);
    expect(partitions.rows.flat()).toEqual([
      'error_output_type=format-conversion-failed/datehour=2026/11/20/11',
      'error_output_type=processing-failed/datehour=2026/11/20/10',
    ]);
  });
});
