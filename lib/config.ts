import 'server-only';
import { z } from 'zod';

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
  ORDERS_TABLE_NAME: tableName.default('orders'),
});

export type AppConfig = {
  region: string | undefined;
  ordersTableName: string;
  endpoints: Record<AwsService, string | undefined>;
};

export type AwsService = 'dynamodb' | 'dynamodbStreams' | 'kinesis' | 'athena';

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
    endpoints: {
      dynamodb: e.AWS_ENDPOINT_URL_DYNAMODB ?? shared,
      dynamodbStreams: e.AWS_ENDPOINT_URL_DYNAMODB_STREAMS ?? shared,
      kinesis: e.AWS_ENDPOINT_URL_KINESIS ?? shared,
      athena: e.AWS_ENDPOINT_URL_ATHENA ?? shared,
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
