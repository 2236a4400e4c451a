import 'server-only';
import { z } from 'zod';
import { catalog, changeLogBucket, changeStream } from '@/lib/resources';

/**
 * The one place the app reads its environment. Endpoints follow the AWS SDK's own variables
 * (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>) so the same code runs against AWS, LocalStack
 * or the embedded local endpoint. Unset variables fall through to the SDK's default chain.
 */
const optionalUrl = z
  .url({ message: 'must be a URL such as http://127.0.0.1:4566' })
  .optional()
  .or(z.literal('').transform(() => undefined));

const tableName = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be 3-255 characters of letters, digits, _ . -');

const envSchema = z.object({
  AWS_REGION: z.string().min(1).optional(),
  AWS_ENDPOINT_URL: optionalUrl,
  AWS_ENDPOINT_URL_DYNAMODB: optionalUrl,
  AWS_ENDPOINT_URL_DYNAMODB_STREAMS: optionalUrl,
  AWS_ENDPOINT_URL_KINESIS: optionalUrl,
  AWS_ENDPOINT_URL_ATHENA: optionalUrl,
  AWS_ENDPOINT_URL_S3: optionalUrl,
  AWS_ENDPOINT_URL_SQS: optionalUrl,
  ORDERS_TABLE_NAME: tableName.default('orders'),
  CHANGE_STREAM_NAME: z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'must be a Kinesis stream name').default(changeStream.name),
  CHANGE_LOG_BUCKET: z.string().regex(/^[a-z0-9.-]{3,63}$/, 'must be an S3 bucket name').default(changeLogBucket.name),
  ATHENA_WORKGROUP: z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'must be an Athena workgroup name').default(catalog.workGroup),
  ATHENA_DATABASE: z.string().regex(/^[a-z0-9_]{1,255}$/, 'must be a Glue database name').default(catalog.database),
  /**
   * Only for a workgroup that does not enforce its own result location: sending one to an
   * enforcing workgroup is ignored, and any override turns Athena's result reuse off.
   */
  ATHENA_OUTPUT_LOCATION: z
    .string()
    .regex(/^s3:\/\/[a-z0-9.-]{3,63}\//, 'must be an s3:// URI ending in a prefix')
    .optional(),
  /**
   * Pause after an empty GetRecords page in the live feed. Firehose reads each shard about once a
   * second, so 250 ms keeps the feed under the remaining 4 calls/s while adding at most 250 ms.
   */
  FEED_IDLE_POLL_MS: z.coerce.number().int().min(0).max(5_000).default(250),
  /** The pipe's SQS dead-letter queue; unset locally, where the pipe worker's DLQ is served as SQS. */
  PIPE_DLQ_URL: optionalUrl,
});

export type AppConfig = {
  region: string | undefined;
  ordersTableName: string;
  changeStreamName: string;
  changeLogBucket: string;
  athena: { workGroup: string; database: string; outputLocation: string | undefined };
  pipeDeadLetterQueueUrl: string | undefined;
  feedIdlePollMs: number;
  endpoints: Record<AwsService, string | undefined>;
};

export type AwsService = 'dynamodb' | 'dynamodbStreams' | 'kinesis' | 'athena' | 's3' | 'sqs';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function parseConfig(env: Record<string, string | undefined>): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    const details = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid environment: ${details}`);
  }
  const e = result.data;
  const shared = e.AWS_ENDPOINT_URL;
  return {
    region: e.AWS_REGION,
    ordersTableName: e.ORDERS_TABLE_NAME,
    changeStreamName: e.CHANGE_STREAM_NAME,
    changeLogBucket: e.CHANGE_LOG_BUCKET,
    athena: { workGroup: e.ATHENA_WORKGROUP, database: e.ATHENA_DATABASE, outputLocation: e.ATHENA_OUTPUT_LOCATION },
    pipeDeadLetterQueueUrl: e.PIPE_DLQ_URL,
    feedIdlePollMs: e.FEED_IDLE_POLL_MS,
    endpoints: {
      dynamodb: e.AWS_ENDPOINT_URL_DYNAMODB ?? shared,
      dynamodbStreams: e.AWS_ENDPOINT_URL_DYNAMODB_STREAMS ?? shared,
      kinesis: e.AWS_ENDPOINT_URL_KINESIS ?? shared,
      athena: e.AWS_ENDPOINT_URL_ATHENA ?? shared,
      s3: e.AWS_ENDPOINT_URL_S3 ?? shared,
      sqs: e.AWS_ENDPOINT_URL_SQS ?? shared,
    },
  };
}

let cached: AppConfig | undefined;

/** Parsed once per process; tests call resetConfig() after changing env. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

export function resetConfig(): void {
  cached = undefined;
}
