// Kept apart from the stack so scripts/write-env-from-stack.ts does not load aws-cdk-lib.
/** CfnOutput keys → the app's environment variable names (scripts/write-env-from-stack.ts). */
export const OUTPUT_ENV = {
  Region: 'AWS_REGION',
  OrdersTableName: 'ORDERS_TABLE_NAME',
  /** The saved-query name claims, which make name uniqueness a conditional write. */
  QueryNamesTableName: 'QUERY_NAMES_TABLE_NAME',
  /** Shared by every dashboard process reading the change stream, hosted or run locally against AWS. */
  FeedReadBudgetTableName: 'FEED_READ_BUDGET_TABLE_NAME',
  ChangeStreamName: 'CHANGE_STREAM_NAME',
  AthenaWorkGroup: 'ATHENA_WORKGROUP',
  AthenaDatabase: 'ATHENA_DATABASE',
  ChangeLogBucketName: 'CHANGE_LOG_BUCKET',
  PipeDeadLetterQueueUrl: 'PIPE_DLQ_URL',
  AuthIssuerUrl: 'AUTH_ISSUER',
  AuthClientId: 'AUTH_CLIENT_ID',
  /** Comma list: the clients (besides the web client) whose access tokens the API accepts as Bearer. */
  AuthApiClientIds: 'AUTH_API_CLIENT_IDS',
  AuthLogoutUrl: 'AUTH_LOGOUT_URL',
  /** The first appUrl: where the web client's callback URL points. */
  AppUrl: 'APP_URL',
} as const;
