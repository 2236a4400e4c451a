import path from 'node:path';
import { Duration, RemovalPolicy, Size } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { changeLogBucket, deliveryStream } from '@/lib/resources';
import { physicalName, type StageConfig } from './config';
import { ERROR_FOLDER } from './storage';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** The metric the transform-failure alarm counts: one per record the Lambda marks ProcessingFailed. */
export const transformFailureMetric = (stage: string) => ({
  namespace: `SalesCdc/${stage}`,
  name: 'TransformFailedRecords',
});

export type ChangeDeliveryProps = { config: StageConfig; source: kinesis.IStream; bucket: s3.IBucket };

/**
 * The delivery half: Firehose reads the change stream, the transform Lambda (lib/cdc) turns each
 * stream record into a change row and its `dt`, and Firehose writes `order_changes/dt=…/` objects.
 * Records the transform rejects land under the error prefix; alarms fire when any do.
 */
export class ChangeDelivery extends Construct {
  readonly transform: nodejs.NodejsFunction;
  readonly deliveryStream: firehose.DeliveryStream;
  readonly role: iam.Role;
  readonly policy: iam.Policy;
  readonly alarms: cloudwatch.Alarm[];

  constructor(scope: Construct, id: string, { config, source, bucket }: ChangeDeliveryProps) {
    super(scope, id);
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
      description: 'Firehose: read the change stream, invoke the transform, write the change log',
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
        processors: [
          new firehose.LambdaFunctionProcessor(this.transform, { retries: deliveryStream.retryAttempts }),
        ],
        loggingConfig: new firehose.EnableLogging(firehoseLogs),
      }),
    });
    this.deliveryStream.node.addDependency(this.policy);

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
