import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { changeStream, ordersPipe, ordersTable, type KeyAttribute } from '@/lib/resources';
import { physicalName, type StageConfig } from './config';

const attribute = (key: KeyAttribute): dynamodb.Attribute => ({
  name: key.name,
  type: key.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/**
 * The capture half of the pipeline: the orders table and its stream, the Kinesis stream, and the
 * EventBridge Pipe between them with bounded retries and a dead-letter queue.
 */
export class ChangeCapture extends Construct {
  readonly table: dynamodb.Table;
  readonly stream: kinesis.Stream;
  readonly pipe: pipes.CfnPipe;
  readonly pipeRole: iam.Role;
  readonly pipePolicy: iam.Policy;
  readonly deadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);

    this.table = new dynamodb.Table(this, 'Orders', {
      tableName: physicalName(config.stage, ordersTable.name),
      partitionKey: attribute(ordersTable.partitionKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      stream: dynamodb.StreamViewType[ordersTable.stream],
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of ordersTable.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    this.stream = new kinesis.Stream(this, 'ChangeStream', {
      streamName: physicalName(config.stage, changeStream.name),
      streamMode: kinesis.StreamMode.PROVISIONED,
      shardCount: config.shardCount,
      retentionPeriod: Duration.hours(changeStream.retentionHours),
      encryption: kinesis.StreamEncryption.MANAGED,
    });

    this.deadLetterQueue = new sqs.Queue(this, 'PipeDeadLetters', {
      queueName: physicalName(config.stage, `${ordersPipe.name}-dlq`),
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    this.pipeRole = new iam.Role(this, 'PipeRole', {
      assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com'),
      description: 'EventBridge Pipe: read the orders stream, put to the change stream, dead-letter to SQS',
    });
    const tableStreamArn = this.table.tableStreamArn!;
    // A separate Policy (not the role's default policy) so the pipe can depend on it explicitly:
    // the pipe validates its source and target permissions when it is created.
    this.pipePolicy = new iam.Policy(this, 'PipePolicy', {
      roles: [this.pipeRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'ReadOrdersStream',
          actions: [
            'dynamodb:DescribeStream',
            'dynamodb:GetRecords',
            'dynamodb:GetShardIterator',
            'dynamodb:ListStreams',
          ],
          resources: [tableStreamArn],
        }),
        new iam.PolicyStatement({
          sid: 'PutChangeStream',
          actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
          resources: [this.stream.streamArn],
        }),
        new iam.PolicyStatement({
          sid: 'DeadLetter',
          actions: ['sqs:SendMessage'],
          resources: [this.deadLetterQueue.queueArn],
        }),
      ],
    });

    this.pipe = new pipes.CfnPipe(this, 'Pipe', {
      name: physicalName(config.stage, ordersPipe.name),
      description: 'orders table stream → change stream (partition key = order id)',
      roleArn: this.pipeRole.roleArn,
      source: tableStreamArn,
      sourceParameters: {
        dynamoDbStreamParameters: {
          startingPosition: ordersPipe.startingPosition,
          batchSize: ordersPipe.batchSize,
          maximumBatchingWindowInSeconds: ordersPipe.maximumBatchingWindowSeconds,
          maximumRetryAttempts: ordersPipe.maximumRetryAttempts,
          // Split a failing batch to isolate the poison record before it goes to the DLQ.
          onPartialBatchItemFailure: 'AUTOMATIC_BISECT',
          deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
        },
      },
      target: this.stream.streamArn,
      targetParameters: { kinesisStreamParameters: { partitionKey: ordersPipe.partitionKeyPath } },
    });
    this.pipe.node.addDependency(this.pipePolicy);
  }
}
