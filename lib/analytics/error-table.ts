import { catalog, changeLogBucket } from '@/lib/resources';

/**
 * `order_change_errors`: the records Firehose could not transform, partition or convert, as it
 * writes them (newline-delimited JSON under the error prefix), defined once. infra/ generates the
 * Glue table, its JSON classifier and crawler from this; the local Athena generates its DuckDB
 * table and loader (local/athena/engine/error-log.ts) from it too.
 */

export type ErrorColumn = {
  /** snake_case, what analysts write. */
  name: string;
  glue: string;
  duckdb: string;
  /**
   * The Firehose field(s) the column reads, first present wins. The SerDe maps the column to the
   * first (`mapping.<name>`); it compares keys case-insensitively, so spellings that differ only
   * in case (`errorCode`, `ErrorCode`) are the same field to it. The local reader, which is case
   * sensitive, reads each spelling listed.
   */
  fields: readonly [string, ...string[]];
  /** Firehose writes epoch milliseconds; the column is a `timestamp` (the SerDe converts 13-digit integers). */
  epochMillis?: true;
  comment: string;
};

export const ERROR_COLUMNS = [
  {
    name: 'error_code',
    glue: 'string',
    duckdb: 'VARCHAR',
    // processing-failed and partitioning-failed write errorCode; AWS documents ErrorCode for
    // format-conversion-failed (one field, case aside).
    fields: ['errorCode', 'ErrorCode'],
    comment: 'e.g. Lambda.ProcessingFailed, DynamicPartitioning.MetadataExtractionFailed',
  },
  {
    name: 'error_message',
    glue: 'string',
    duckdb: 'VARCHAR',
    fields: ['errorMessage', 'ErrorMessage'],
    comment: 'Why the record failed',
  },
  {
    name: 'last_error_code',
    glue: 'string',
    duckdb: 'VARCHAR',
    // Earlier versions of AWS's format-conversion-failed schema name the code lastErrorCode.
    fields: ['lastErrorCode'],
    comment: 'format-conversion-failed records as older Firehose versions write them; read coalesce(error_code, last_error_code)',
  },
  {
    name: 'last_error_message',
    glue: 'string',
    duckdb: 'VARCHAR',
    fields: ['lastErrorMessage'],
    comment: 'See last_error_code',
  },
  {
    name: 'raw_data',
    glue: 'string',
    duckdb: 'VARCHAR',
    fields: ['rawData'],
    comment: 'The record as Firehose received it, base64: from_utf8(from_base64(raw_data))',
  },
  {
    name: 'attempts_made',
    glue: 'bigint',
    duckdb: 'BIGINT',
    fields: ['attemptsMade'],
    comment: 'Invocations (or conversions) tried before giving up',
  },
  {
    name: 'arrival_time',
    glue: 'timestamp',
    duckdb: 'TIMESTAMP',
    fields: ['arrivalTimestamp'],
    epochMillis: true,
    comment: 'When the record reached Firehose (UTC)',
  },
  {
    name: 'failure_time',
    glue: 'timestamp',
    duckdb: 'TIMESTAMP',
    fields: ['attemptEndingTimestamp'],
    epochMillis: true,
    comment: 'When the last attempt ended (UTC)',
  },
  {
    name: 'lambda_arn',
    glue: 'string',
    duckdb: 'VARCHAR',
    fields: ['lambdaArn'],
    comment: 'The transform function (processing-failed only)',
  },
  {
    name: 'sequence_number',
    glue: 'string',
    duckdb: 'VARCHAR',
    fields: ['sequenceNumber'],
    comment: 'Kinesis sequence number (format-conversion-failed only)',
  },
] as const satisfies readonly ErrorColumn[];

/** The values `!{firehose:error-output-type}` takes for an S3 destination with a Lambda, dynamic partitioning and conversion. */
export const ERROR_OUTPUT_TYPES = ['processing-failed', 'partitioning-failed', 'format-conversion-failed'] as const;

const TYPE_EXPRESSION = '!{firehose:error-output-type}';
const TIME_EXPRESSION = /!\{timestamp:([^}]+)\}/;

/**
 * The error prefix split into what the table needs: the folder everything is under, then the
 * error output type, then the hour. Fails loudly if lib/resources.ts's prefix changes shape.
 */
export function errorPrefixLayout(prefix: string = changeLogBucket.errorPrefix) {
  const typeAt = prefix.indexOf(TYPE_EXPRESSION);
  const time = TIME_EXPRESSION.exec(prefix);
  const folder = prefix.slice(0, typeAt);
  const expected = `${folder}${TYPE_EXPRESSION}/${time?.[0]}/`;
  if (typeAt <= 0 || !time || prefix !== expected)
    throw new Error(
      `error-table.ts expects an error prefix <folder>/${TYPE_EXPRESSION}/!{timestamp:<format>}/, not ${prefix}`,
    );
  return { folder, timeFormat: time[1]! };
}

const layout = errorPrefixLayout();

/** The hour partition's Java date format (`yyyy/MM/dd/HH`): it is the prefix's own. */
export const ERROR_HOUR_FORMAT = layout.timeFormat;

/**
 * Days of errors partition projection enumerates back from now. The bucket's lifecycle
 * (infra/lib/storage.ts `expire-errors`) deletes error objects after 30 days; one more day covers
 * objects S3 has not removed yet. A fixed start would make every unfiltered query list every hour
 * since then (tens of thousands of S3 prefixes); this keeps it to ~2,200.
 */
export const ERROR_PROJECTION_DAYS = 31;

export const ERROR_PARTITIONS = [
  {
    name: 'error_output_type',
    glue: 'string',
    duckdb: 'VARCHAR',
    comment: 'processing-failed, partitioning-failed or format-conversion-failed',
  },
  {
    name: 'datehour',
    glue: 'string',
    duckdb: 'VARCHAR',
    comment: `Hour Firehose filed the object under, UTC, as ${ERROR_HOUR_FORMAT} (e.g. 2026/11/20/10)`,
  },
] as const;

export const errorTable = {
  database: catalog.database,
  name: 'order_change_errors',
  columns: ERROR_COLUMNS,
  partitions: ERROR_PARTITIONS,
  bucket: changeLogBucket.name,
  /** Bucket-relative folder holding every error object: `errors/`. */
  prefix: layout.folder,
  /** The object layout below `prefix`, with the partition names in place of Firehose's expressions. */
  locationTemplate: `${layout.folder}\${${ERROR_PARTITIONS[0].name}}/\${${ERROR_PARTITIONS[1].name}}/`,
  format: 'json',
  /**
   * Glue custom classifier for the crawler: `$` means each line is one record (one table row),
   * which is how Firehose writes error objects.
   */
  classifier: { name: 'firehose-error-records', jsonPath: '$' },
} as const;

/** SerDe properties: snake_case columns read Firehose's camelCase fields; a malformed line is not fatal. */
export function errorSerdeParameters(): Record<string, string> {
  return {
    'ignore.malformed.json': 'TRUE',
    'case.insensitive': 'TRUE',
    ...Object.fromEntries(ERROR_COLUMNS.map((c) => [`mapping.${c.name}`, c.fields[0]])),
  };
}

/**
 * The table as Athena DDL (what SHOW CREATE TABLE answers, and what an analyst could run by hand
 * instead of deploying infra/): the same columns, SerDe properties and projection as the Glue table.
 */
export function errorTableDdl(bucket: string = errorTable.bucket): string {
  const columns = ERROR_COLUMNS.map((c) => `  \`${c.name}\` ${c.glue} COMMENT '${c.comment.replaceAll("'", "''")}'`);
  const partitions = ERROR_PARTITIONS.map((c) => `  \`${c.name}\` ${c.glue}`);
  const properties = (entries: Record<string, string>) =>
    Object.entries(entries).map(([key, value]) => `  '${key}'='${value}'`).join(',\n');
  return [
    `CREATE EXTERNAL TABLE \`${errorTable.database}\`.\`${errorTable.name}\`(`,
    `${columns.join(',\n')})`,
    'PARTITIONED BY (',
    `${partitions.join(',\n')})`,
    'ROW FORMAT SERDE',
    "  'org.openx.data.jsonserde.JsonSerDe'",
    'WITH SERDEPROPERTIES (',
    `${properties(errorSerdeParameters())})`,
    'STORED AS INPUTFORMAT',
    "  'org.apache.hadoop.mapred.TextInputFormat'",
    'OUTPUTFORMAT',
    "  'org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat'",
    'LOCATION',
    `  's3://${bucket}/${errorTable.prefix}'`,
    'TBLPROPERTIES (',
    `${properties(errorProjectionParameters(`s3://${bucket}/`))})`,
  ].join('\n');
}

/** Table parameters for partition projection; `bucketUri` is `s3://<bucket>/` (a token in CDK). */
export function errorProjectionParameters(bucketUri: string): Record<string, string> {
  const [type, hour] = ERROR_PARTITIONS;
  return {
    classification: errorTable.format,
    'projection.enabled': 'true',
    [`projection.${type.name}.type`]: 'enum',
    [`projection.${type.name}.values`]: ERROR_OUTPUT_TYPES.join(','),
    [`projection.${hour.name}.type`]: 'date',
    [`projection.${hour.name}.format`]: ERROR_HOUR_FORMAT,
    [`projection.${hour.name}.range`]: `NOW-${ERROR_PROJECTION_DAYS}DAYS,NOW`,
    [`projection.${hour.name}.interval`]: '1',
    [`projection.${hour.name}.interval.unit`]: 'HOURS',
    'storage.location.template': `${bucketUri}${errorTable.locationTemplate}`,
  };
}
