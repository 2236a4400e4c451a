// Kept apart from the stack so scripts/write-env-from-stack.ts does not load aws-cdk-lib.
/** CfnOutput keys → the app's environment variable names (scripts/write-env-from-stack.ts). */
export const OUTPUT_ENV = {
  Region: 'AWS_REGION',
  OrdersTableName: 'ORDERS_TABLE_NAME',
  ChangeStreamName: 'CHANGE_STREAM_NAME',
  AthenaWorkGroup: 'ATHENA_WORKGROUP',
  AthenaDatabase: 'ATHENA_DATABASE',
  ChangeLogBucketName: 'CHANGE_LOG_BUCKET',
  PipeDeadLetterQueueUrl: 'PIPE_DLQ_URL',
} as const;
