import 'server-only';
import { z } from 'zod';
import { catalog, changeLogBucket, changeStream, queryNamesTable } from '@/lib/resources';

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
  /** Claims on saved-query names, so two saves of one name cannot both succeed. */
  QUERY_NAMES_TABLE_NAME: tableName.default(queryNamesTable.name),
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
  /**
   * The DynamoDB table through which every server process shares each shard's GetRecords budget.
   * Unset, each process keeps its own limit only, which is right for one process and no more.
   */
  FEED_READ_BUDGET_TABLE_NAME: tableName.optional().or(z.literal('').transform(() => undefined)),
  /** GetRecords per shard per second for all feed processes together: Kinesis's 5 minus Firehose's one. */
  FEED_SHARD_READS_PER_SECOND: z.coerce.number().int().min(1).max(5).default(4),
  /** The pipe's SQS dead-letter queue; unset locally, where the pipe worker's DLQ is served as SQS. */
  PIPE_DLQ_URL: optionalUrl,
  /** The OpenID Connect issuer: a Cognito user pool on AWS, the embedded provider locally. */
  AUTH_ISSUER: optionalUrl,
  /** The dashboard's own app client (authorization code + PKCE). */
  AUTH_CLIENT_ID: z.string().regex(/^[\w.-]{1,128}$/, 'must be an OAuth client id').optional(),
  /** Further clients whose access tokens the API accepts as Bearer (scripts, the CLI client). */
  AUTH_API_CLIENT_IDS: z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((id) => id.trim()).filter(Boolean)),
  /** Cognito's managed-login `/logout`; unset, sign-out uses the issuer's end_session_endpoint. */
  AUTH_LOGOUT_URL: optionalUrl,
  AUTH_SCOPES: z.string().default('openid email profile'),
  /** Encrypts the session cookie; at least 32 characters (npm start makes and keeps one). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where people open the dashboard: the callback URL and the origin that writes must come from. */
  APP_URL: z.url({ message: 'must be a URL such as http://localhost:3000' }).default('http://localhost:3000'),
});

export type AppConfig = {
  region: string | undefined;
  ordersTableName: string;
  queryNamesTableName: string;
  changeStreamName: string;
  changeLogBucket: string;
  athena: { workGroup: string; database: string; outputLocation: string | undefined };
  pipeDeadLetterQueueUrl: string | undefined;
  feedIdlePollMs: number;
  /** Undefined: the feed's read budget is per process only. */
  feedReadBudgetTableName: string | undefined;
  feedShardReadsPerSecond: number;
  endpoints: Record<AwsService, string | undefined>;
  auth: AuthSettings;
};

export type AuthSettings = {
  issuer: string | undefined;
  clientId: string | undefined;
  /** Every client id whose access tokens are accepted: the web client first. */
  acceptedClientIds: string[];
  logoutUrl: string | undefined;
  scopes: string;
  sessionSecret: string | undefined;
  appUrl: string;
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
    queryNamesTableName: e.QUERY_NAMES_TABLE_NAME,
    changeStreamName: e.CHANGE_STREAM_NAME,
    changeLogBucket: e.CHANGE_LOG_BUCKET,
    athena: { workGroup: e.ATHENA_WORKGROUP, database: e.ATHENA_DATABASE, outputLocation: e.ATHENA_OUTPUT_LOCATION },
    pipeDeadLetterQueueUrl: e.PIPE_DLQ_URL,
    feedIdlePollMs: e.FEED_IDLE_POLL_MS,
    feedReadBudgetTableName: e.FEED_READ_BUDGET_TABLE_NAME,
    feedShardReadsPerSecond: e.FEED_SHARD_READS_PER_SECOND,
    endpoints: {
      dynamodb: e.AWS_ENDPOINT_URL_DYNAMODB ?? shared,
      dynamodbStreams: e.AWS_ENDPOINT_URL_DYNAMODB_STREAMS ?? shared,
      kinesis: e.AWS_ENDPOINT_URL_KINESIS ?? shared,
      athena: e.AWS_ENDPOINT_URL_ATHENA ?? shared,
      s3: e.AWS_ENDPOINT_URL_S3 ?? shared,
      sqs: e.AWS_ENDPOINT_URL_SQS ?? shared,
    },
    auth: {
      issuer: e.AUTH_ISSUER?.replace(/\/$/, ''),
      clientId: e.AUTH_CLIENT_ID,
      acceptedClientIds: [...new Set([...(e.AUTH_CLIENT_ID ? [e.AUTH_CLIENT_ID] : []), ...e.AUTH_API_CLIENT_IDS])],
      logoutUrl: e.AUTH_LOGOUT_URL,
      scopes: e.AUTH_SCOPES,
      sessionSecret: e.SESSION_SECRET,
      appUrl: e.APP_URL.replace(/\/$/, ''),
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
