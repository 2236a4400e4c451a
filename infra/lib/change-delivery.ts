import path from 'node:path';
import { Duration, RemovalPolicy, Size, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as glue from 'aws-cdk-lib/aws-glue';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { TIME_COLUMN_FORMAT } from '@/lib/cdc/change-row';
import { catalog, changeLogBucket, deliveryStream } from '@/lib/resources';
import { physicalName, type StageConfig } from './config';
import { ERROR_FOLDER } from './storage';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The metric the transform-failure alarm counts: one per record the Lambda marks ProcessingFailed. */
export const transformFailureMetric = (stage: string) => ({
  namespace: `SalesCdc/${stage}`,
  name: 'TransformFailedRecords',
});

export type ChangeDeliveryProps = {
  config: StageConfig;
  source: kinesis.IStream;
  bucket: s3.IBucket;
  /** The Glue table whose schema Firehose converts each record to Parquet with. */
  schemaTable: glue.CfnTable;
};

/**
 * The delivery half: Firehose reads the change stream, the transform Lambda (lib/cdc) turns each
 * stream record into a JSON change row and its `dt`, Firehose converts the rows to Snappy Parquet
 * with the Glue table's schema and writes `order_changes/dt=…/….parquet` objects. Records the
 * transform rejects (and any the conversion rejects) land under the error prefix as JSON; alarms
 * fire when any do.
 */
export class ChangeDelivery extends Construct {
  readonly transform: nodejs.NodejsFunction;
  readonly deliveryStream: firehose.DeliveryStream;
  readonly role: iam.Role;
  readonly policy: iam.Policy;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, { config, source, bucket, schemaTable }: ChangeDeliveryProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const functionName = physicalName(config.stage, deliveryStream.transformFunctionName);

    const transformLogs = new logs.LogGroup(this, 'TransformLogs', {
      logGroupName: `/aws/lambda/${functionName}`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // Its own role with only its log group: the default role carries AWSLambdaBasicExecutionRole (logs:* on every group).
    const transformRole = new iam.Role(this, 'TransformRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Transform Lambda: write its own log group, nothing else',
    });
    transformRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnLogs',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [transformLogs.logGroupArn],
      }),
    );
    this.transform = new nodejs.NodejsFunction(this, 'Transform', {
      functionName,
      role: transformRole,
      description: 'Firehose transform: DynamoDB stream record → change row (lib/cdc/transform)',
      entry: path.join(repoRoot, 'infra', 'lambda', 'transform.ts'),
      handler: 'handler',
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      // Firehose waits up to 5 minutes for a transform; a batch of 3 MB takes well under a second.
      timeout: Duration.seconds(60),
      logGroup: transformLogs,
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      bundling: {
        forceDockerBundling: false,
        minify: true,
        sourceMap: true,
        target: 'node24',
        // Bundle the SDK's util-dynamodb too: the version lib/cdc was tested with, not the runtime's.
        bundleAwsSDK: true,
        tsconfig: path.join(repoRoot, 'tsconfig.json'),
      },
      environment: { NODE_OPTIONS: '--enable-source-maps' },
    });

    // An explicit role and policy instead of the L2's grants: the L2 grants the whole bucket, and
    // the stream must wait for the policy to exist. withoutPolicyUpdates() turns its grants into no-ops.
    this.role = new iam.Role(this, 'DeliveryRole', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
      description:
        'Firehose: read the change stream, invoke the transform, read the Glue schema, write the change log',
    });
    const firehoseLogs = new logs.LogGroup(this, 'DeliveryLogs', {
      logGroupName: `/aws/kinesisfirehose/${physicalName(config.stage, deliveryStream.name)}`,
      retention: logs.RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.policy = new iam.Policy(this, 'DeliveryPolicy', {
      roles: [this.role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadChangeStream',
          actions: [
            'kinesis:DescribeStream',
            'kinesis:DescribeStreamSummary',
            'kinesis:GetShardIterator',
            'kinesis:GetRecords',
            'kinesis:ListShards',
          ],
          resources: [source.streamArn],
        }),
        new iam.PolicyStatement({
          sid: 'InvokeTransform',
          actions: ['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'],
          resources: [this.transform.functionArn],
        }),
        new iam.PolicyStatement({
          sid: 'LocateBucket',
          actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
          resources: [bucket.bucketArn],
        }),
        new iam.PolicyStatement({
          sid: 'WriteChangeLog',
          actions: ['s3:PutObject', 's3:AbortMultipartUpload'],
          resources: [
            bucket.arnForObjects(`${changeLogBucket.tablePrefix}*`),
            bucket.arnForObjects(`${ERROR_FOLDER}*`),
          ],
        }),
        // Record format conversion reads the table's schema; the L2 would also grant
        // glue:GetSchemaVersion on * (Schema Registry), which a Glue table schema does not use.
        new iam.PolicyStatement({
          sid: 'ReadConversionSchema',
          actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
          resources: [
            stack.formatArn({ service: 'glue', resource: 'catalog' }),
            stack.formatArn({ service: 'glue', resource: 'database', resourceName: catalog.database }),
            stack.formatArn({
              service: 'glue',
              resource: 'table',
              resourceName: `${catalog.database}/${catalog.changeTable}`,
            }),
          ],
        }),
        new iam.PolicyStatement({
          sid: 'DeliveryLogs',
          actions: ['logs:PutLogEvents'],
          resources: [firehoseLogs.logGroupArn],
        }),
      ],
    });
    const role = this.role.withoutPolicyUpdates();

    const { sizeMiB, intervalSeconds } = config.buffering;
    this.deliveryStream = new firehose.DeliveryStream(this, 'DeliveryStream', {
      deliveryStreamName: physicalName(config.stage, deliveryStream.name),
      source: new firehose.KinesisStreamSource(source),
      role,
      destination: new firehose.S3Bucket(bucket, {
        role,
        dataOutputPrefix: changeLogBucket.dataPrefix,
        errorOutputPrefix: changeLogBucket.errorPrefix,
        bufferingSize: Size.mebibytes(sizeMiB),
        bufferingInterval: Duration.seconds(intervalSeconds),
        dynamicPartitioning: { enabled: true, retryDuration: Duration.seconds(300) },
        // JSON rows in, Snappy Parquet out (needs >= 64 MiB buffering, which config.ts enforces).
        dataFormatConversion: {
          schemaConfiguration: firehose.SchemaConfiguration.fromCfnTable(schemaTable),
          // Hive's JSON SerDe, because only it parses timestamps: the transform writes ISO 8601 in
          // UTC with milliseconds (TIME_COLUMN_FORMAT, a Joda pattern), and epoch millis are
          // accepted too. Its default (java.sql.Timestamp.valueOf) rejects the `T` and `Z`.
          inputFormat: new firehose.HiveJsonInputFormat({
            timestampParsers: [
              firehose.TimestampParser.fromFormatString(TIME_COLUMN_FORMAT),
              firehose.TimestampParser.EPOCH_MILLIS,
            ],
          }),
          outputFormat: new firehose.ParquetOutputFormat({ compression: firehose.ParquetCompression.SNAPPY }),
        },
        fileExtension: changeLogBucket.dataFileExtension,
        processors: [
          new firehose.LambdaFunctionProcessor(this.transform, { retries: deliveryStream.retryAttempts }),
        ],
        loggingConfig: new firehose.EnableLogging(firehoseLogs),
      }),
    });
    this.deliveryStream.node.addDependency(this.policy);
    // Conversion reads the table's schema when the stream is created.
    this.deliveryStream.node.addDependency(schemaTable);

    // Every ProcessingFailed record is one log line from the handler (keyed by recordId).
    const failureMetric = transformFailureMetric(config.stage);
    new logs.MetricFilter(this, 'TransformFailures', {
      logGroup: transformLogs,
      filterPattern: logs.FilterPattern.stringValue('$.result', '=', 'ProcessingFailed'),
      metricNamespace: failureMetric.namespace,
      metricName: failureMetric.name,
      metricValue: '1',
    });
    const deliveryStreamName = this.deliveryStream.deliveryStreamName;
    const firehoseMetric = (metricName: string, statistic: string) =>
      new cloudwatch.Metric({
        namespace: 'AWS/Firehose',
        metricName,
        dimensionsMap: { DeliveryStreamName: deliveryStreamName },
        statistic,
        period: Duration.minutes(5),
      });
    this.alarms = [
      new cloudwatch.Alarm(this, 'TransformFailedRecordsAlarm', {
        alarmDescription: `Records the transform rejected went to s3://…/${ERROR_FOLDER}processing-failed/ (reasons in ${transformLogs.logGroupName}, by recordId)`,
        metric: new cloudwatch.Metric({
          namespace: failureMetric.namespace,
          metricName: failureMetric.name,
          statistic: 'Sum',
          period: Duration.minutes(5),
        }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      // The Lambda itself failed (after Firehose's retries the whole batch goes to the error prefix).
      new cloudwatch.Alarm(this, 'TransformInvocationAlarm', {
        alarmDescription: `Firehose could not invoke the transform; the batch went to ${ERROR_FOLDER}processing-failed/`,
        metric: firehoseMetric('ExecuteProcessing.Success', 'Minimum'),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
      // Objects that could not be written under the data prefix (e.g. a bad partition key) go to the error prefix.
      new cloudwatch.Alarm(this, 'DeliveryFailureAlarm', {
        alarmDescription: `Firehose failed to deliver to S3; records go to ${ERROR_FOLDER} after retries`,
        metric: firehoseMetric('DeliveryToS3.Success', 'Minimum'),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }),
    ];
  }
}
