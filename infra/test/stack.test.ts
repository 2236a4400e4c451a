import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { currentViewSql } from '@/lib/analytics/catalog';
import { ROLES } from '@/lib/auth/roles';
import {
  CHANGE_ROW_COLUMNS,
  LEGACY_CHANGE_ROW_COLUMNS,
  PARTITION_COLUMN,
  TIME_COLUMN_FORMAT,
  TIME_COLUMNS,
} from '@/lib/cdc/change-row';
import { BUILT_IN_QUERIES } from '@/lib/queries/built-in';
import { decodeDescription } from '@/lib/queries/metadata';
import {
  athenaResultsBucket,
  catalog,
  changeLogBucket,
  changeStream,
  deliveryStream,
  keyAttributesOf,
  ordersPipe,
  ordersTable,
  queryNamesTable,
} from '@/lib/resources';
import { buildApp } from '../lib/app';
import type { SalesCdcStack } from '../lib/cdc-stack';
import { OUTPUT_ENV } from '../lib/outputs';

const env = { account: '123456789012', region: 'eu-west-1' };
/** The pipeline and identity alone: infra/test/hosting.test.ts tests the hosted dashboard. */
const PIPELINE_ONLY = { dashboard: false };
const protectedProdStack = () =>
  buildApp({
    nag: false,
    env,
    context: {
      ...PIPELINE_ONLY,
      stage: 'prod',
      deletionProtection: true,
      appUrl: 'https://sales.example.com',
    },
  }).stack;
const CHANGE_LOG = `${changeLogBucket.name}-dev-${env.account}-${env.region}`;
const RESULTS = `${athenaResultsBucket.name}-dev-${env.account}-${env.region}`;

let stack: SalesCdcStack;
let template: Template;
// Template JSON is untyped; the assertions below are what check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Resource = {
  Type: string;
  Properties: Record<string, Json>;
  DependsOn?: string[];
  DeletionPolicy?: string;
};
let resources: Record<string, Resource>;

/** arn:<partition>:glue:<region>:<account>:<resource>, as Stack.formatArn renders it. */
const glueArn = (resource: string) => ({
  'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:glue:${env.region}:${env.account}:${resource}`]],
});
const idOf = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const getAtt = (construct: IConstruct, attr: string) => ({ 'Fn::GetAtt': [idOf(construct), attr] });
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
const only = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
/** The one DynamoDB table with this (stage-prefixed) name. */
const tableNamed = (name: string) => {
  const found = ofType('AWS::DynamoDB::Table').filter(([, r]) => r.Properties.TableName === name);
  expect(found, name).toHaveLength(1);
  return found[0]![1];
};
/** Statements of every IAM policy attached to the role, plus whether it has managed policies. */
function permissionsOf(role: IConstruct) {
  const roleId = idOf(role);
  const policies = ofType('AWS::IAM::Policy').filter(([, p]) =>
    (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })),
  );
  const statements = policies.flatMap(
    ([, p]) =>
      p.Properties.PolicyDocument.Statement as {
        Action: string | string[];
        Resource: unknown;
        Effect: string;
      }[],
  );
  return {
    statements,
    policies: policies.map(([id]) => id),
    managed: resources[roleId]!.Properties.ManagedPolicyArns,
  };
}
const actions = (s: { Action: string | string[] }) => [s.Action].flat().sort();

beforeAll(() => {
  const built = buildApp({ nag: false, env, context: PIPELINE_ONLY });
  stack = built.stack;
  template = Template.fromStack(stack);
  resources = template.toJSON().Resources;
});

describe('DynamoDB orders table', () => {
  it('has the keys, GSIs and stream of lib/resources', () => {
    const table = tableNamed(`dev-${ordersTable.name}`);
    expect(table.Properties.TableName).toBe(`dev-${ordersTable.name}`);
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: ordersTable.partitionKey.name, KeyType: 'HASH' },
    ]);
    expect(new Set(table.Properties.AttributeDefinitions)).toEqual(
      new Set(keyAttributesOf(ordersTable).map((a) => ({ AttributeName: a.name, AttributeType: a.type }))),
    );
    expect(table.Properties.GlobalSecondaryIndexes).toEqual(
      ordersTable.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey.name, KeyType: 'HASH' },
          { AttributeName: i.sortKey.name, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    expect(table.Properties.StreamSpecification).toEqual({ StreamViewType: ordersTable.stream });
  });

  it('has PITR, KMS encryption and on-demand billing; deletion protection off by default', () => {
    const table = tableNamed(`dev-${ordersTable.name}`);
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    // SSEEnabled without a key = the AWS-managed KMS key (aws/dynamodb), not the default owned key.
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    expect(table.DeletionPolicy).toBe('Delete');
  });

  it('turns deletion protection on (and retains the table) from context', () => {
    const t = Template.fromStack(protectedProdStack());
    t.hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({ TableName: 'prod-orders', DeletionProtectionEnabled: true }),
      DeletionPolicy: 'Retain',
    });
  });
});

describe('DynamoDB saved-query name claims', () => {
  it('is keyed by the normalised name, with PITR, KMS encryption and on-demand billing, and no stream', () => {
    const table = tableNamed(`dev-${queryNamesTable.name}`);
    expect(table.Properties.KeySchema).toEqual([
      { AttributeName: queryNamesTable.partitionKey.name, KeyType: 'HASH' },
    ]);
    expect(table.Properties.AttributeDefinitions).toEqual([
      { AttributeName: queryNamesTable.partitionKey.name, AttributeType: 'S' },
    ]);
    expect(table.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.Properties.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table.Properties.StreamSpecification).toBeUndefined();
    expect(table.Properties.GlobalSecondaryIndexes).toBeUndefined();
    expect(table.Properties.DeletionProtectionEnabled).toBe(false);
    expect(table.DeletionPolicy).toBe('Delete');
  });

  it('follows the deletion protection of the stage', () => {
    Template.fromStack(protectedProdStack()).hasResource('AWS::DynamoDB::Table', {
      Properties: Match.objectLike({
        TableName: `prod-${queryNamesTable.name}`,
        DeletionProtectionEnabled: true,
      }),
      DeletionPolicy: 'Retain',
    });
  });
});

describe('Kinesis change stream', () => {
  it('is encrypted, with the shard count and retention of lib/resources', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      Name: `dev-${changeStream.name}`,
      ShardCount: changeStream.shardCount,
      RetentionPeriodHours: changeStream.retentionHours,
      StreamModeDetails: { StreamMode: 'PROVISIONED' },
      StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
    });
  });

  it('takes the shard count from context', () => {
    Template.fromStack(
      buildApp({ nag: false, env, context: { ...PIPELINE_ONLY, shardCount: 4 } }).stack,
    ).hasResourceProperties('AWS::Kinesis::Stream', { ShardCount: 4 });
  });
});

describe('EventBridge pipe', () => {
  it('reads the table stream and puts to Kinesis with the settings of lib/resources', () => {
    const pipe = only('AWS::Pipes::Pipe');
    expect(pipe.Properties).toMatchObject({
      Name: `dev-${ordersPipe.name}`,
      Source: getAtt(stack.capture.table, 'StreamArn'),
      Target: getAtt(stack.capture.stream, 'Arn'),
      RoleArn: getAtt(stack.capture.pipeRole, 'Arn'),
      SourceParameters: {
        DynamoDBStreamParameters: {
          StartingPosition: ordersPipe.startingPosition,
          BatchSize: ordersPipe.batchSize,
          MaximumBatchingWindowInSeconds: ordersPipe.maximumBatchingWindowSeconds,
          MaximumRetryAttempts: ordersPipe.maximumRetryAttempts,
          DeadLetterConfig: { Arn: getAtt(stack.capture.deadLetterQueue, 'Arn') },
        },
      },
      TargetParameters: { KinesisStreamParameters: { PartitionKey: '$.dynamodb.Keys.order_id.S' } },
    });
    expect(ordersPipe.maximumRetryAttempts).toBeGreaterThan(0);
  });

  it('depends on its role policy, so it is created after its permissions', () => {
    expect(only('AWS::Pipes::Pipe').DependsOn).toContain(idOf(stack.capture.pipePolicy));
  });

  it('role: only read that stream, put to that Kinesis stream, send to the DLQ', () => {
    const role = resources[idOf(stack.capture.pipeRole)]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'pipes.amazonaws.com' } },
    ]);
    const { statements, managed } = permissionsOf(stack.capture.pipeRole);
    expect(managed).toBeUndefined();
    expect(statements.map((s) => ({ actions: actions(s), resource: s.Resource, effect: s.Effect }))).toEqual([
      {
        actions: [
          'dynamodb:DescribeStream',
          'dynamodb:GetRecords',
          'dynamodb:GetShardIterator',
          'dynamodb:ListStreams',
        ],
        resource: getAtt(stack.capture.table, 'StreamArn'),
        effect: 'Allow',
      },
      {
        actions: ['kinesis:PutRecord', 'kinesis:PutRecords'],
        resource: getAtt(stack.capture.stream, 'Arn'),
        effect: 'Allow',
      },
      {
        actions: ['sqs:SendMessage'],
        resource: getAtt(stack.capture.deadLetterQueue, 'Arn'),
        effect: 'Allow',
      },
    ]);
  });

  it('dead-letter queue is encrypted and SSL-only', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: `dev-${ordersPipe.name}-dlq`,
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });
});

describe('transform Lambda', () => {
  it('is the bundled infra/lambda/transform handler on the latest Node runtime', () => {
    const fn = only('AWS::Lambda::Function');
    expect(fn.Properties).toMatchObject({
      FunctionName: `dev-${deliveryStream.transformFunctionName}`,
      Handler: 'index.handler',
      Runtime: 'nodejs24.x',
      Role: getAtt(stack.delivery.transform.role!, 'Arn'),
    });
    expect(fn.Properties.Code.S3Key).toMatch(/\.zip$/);
  });

  it('can write its own log group and nothing else', () => {
    const { statements, managed } = permissionsOf(stack.delivery.transform.role!);
    expect(managed).toBeUndefined();
    expect(statements).toEqual([
      expect.objectContaining({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/TransformLogs/), 'Arn'] }),
      }),
    ]);
  });
});

describe('Firehose delivery stream', () => {
  it('reads the change stream and writes the change log with the Lambda, prefixes and buffering of lib/resources', () => {
    const ds = only('AWS::KinesisFirehose::DeliveryStream');
    expect(ds.Properties.DeliveryStreamName).toBe(`dev-${deliveryStream.name}`);
    expect(ds.Properties.DeliveryStreamType).toBe('KinesisStreamAsSource');
    expect(ds.Properties.KinesisStreamSourceConfiguration.KinesisStreamARN).toEqual(
      getAtt(stack.capture.stream, 'Arn'),
    );
    const s3 = ds.Properties.ExtendedS3DestinationConfiguration;
    expect(s3).toMatchObject({
      BucketARN: getAtt(stack.storage.changeLog, 'Arn'),
      Prefix: changeLogBucket.dataPrefix,
      ErrorOutputPrefix: changeLogBucket.errorPrefix,
      BufferingHints: {
        SizeInMBs: deliveryStream.buffering.aws.sizeMiB,
        IntervalInSeconds: deliveryStream.buffering.aws.intervalSeconds,
      },
      DynamicPartitioningConfiguration: { Enabled: true },
      CloudWatchLoggingOptions: { Enabled: true },
    });
    expect(s3.Prefix).toContain('!{partitionKeyFromLambda:dt}');
    expect(s3.ErrorOutputPrefix).toContain('!{firehose:error-output-type}');
    expect(s3.ProcessingConfiguration.Processors).toEqual([
      {
        Type: 'Lambda',
        Parameters: expect.arrayContaining([
          { ParameterName: 'LambdaArn', ParameterValue: getAtt(stack.delivery.transform, 'Arn') },
          { ParameterName: 'NumberOfRetries', ParameterValue: String(deliveryStream.retryAttempts) },
        ]),
      },
    ]);
  });

  it("converts the JSON rows to Snappy Parquet with the Glue table's schema, named .parquet", () => {
    const ds = only('AWS::KinesisFirehose::DeliveryStream');
    const s3 = ds.Properties.ExtendedS3DestinationConfiguration;
    expect(s3.DataFormatConversionConfiguration).toEqual({
      Enabled: true,
      // Hive's JSON SerDe parses the transform's ISO 8601 times into Parquet timestamps.
      InputFormatConfiguration: {
        Deserializer: { HiveJsonSerDe: { TimestampFormats: [TIME_COLUMN_FORMAT, 'millis'] } },
      },
      OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
      SchemaConfiguration: {
        CatalogId: env.account,
        Region: env.region,
        DatabaseName: { Ref: idOf(stack.analytics.database) },
        TableName: { Ref: idOf(stack.analytics.table) },
        RoleARN: getAtt(stack.delivery.role, 'Arn'),
        VersionId: 'LATEST',
      },
    });
    expect(s3.FileExtension).toBe(changeLogBucket.dataFileExtension);
    // Compression lives in the Parquet serializer; S3-level compression must stay unset.
    expect(s3.CompressionFormat).toBeUndefined();
    // Conversion needs at least 64 MiB of buffering.
    expect(s3.BufferingHints.SizeInMBs).toBeGreaterThanOrEqual(64);
    expect(ds.DependsOn).toContain(idOf(stack.analytics.table));
  });

  it('takes its buffering from context', () => {
    const t = Template.fromStack(
      buildApp({
        nag: false,
        env,
        context: { ...PIPELINE_ONLY, bufferSizeMiB: 128, bufferIntervalSeconds: 300 },
      }).stack,
    );
    t.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 300 },
      }),
    });
  });

  it('depends on its role policy', () => {
    expect(only('AWS::KinesisFirehose::DeliveryStream').DependsOn).toContain(idOf(stack.delivery.policy));
  });

  it('role: reads the stream, invokes the Lambda, writes only the data and error prefixes', () => {
    const role = resources[idOf(stack.delivery.role)]!;
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'firehose.amazonaws.com' } },
    ]);
    const { statements, policies, managed } = permissionsOf(stack.delivery.role);
    expect(policies).toEqual([idOf(stack.delivery.policy)]); // the L2's own grants are switched off
    expect(managed).toBeUndefined();
    const bucketArn = getAtt(stack.storage.changeLog, 'Arn');
    const under = (prefix: string) => ({ 'Fn::Join': ['', [bucketArn, `/${prefix}*`]] });
    expect(statements.map((s) => ({ actions: actions(s), resource: s.Resource }))).toEqual([
      {
        actions: [
          'kinesis:DescribeStream',
          'kinesis:DescribeStreamSummary',
          'kinesis:GetRecords',
          'kinesis:GetShardIterator',
          'kinesis:ListShards',
        ],
        resource: getAtt(stack.capture.stream, 'Arn'),
      },
      {
        actions: ['lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
        resource: getAtt(stack.delivery.transform, 'Arn'),
      },
      {
        actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        resource: bucketArn,
      },
      {
        actions: ['s3:AbortMultipartUpload', 's3:PutObject'],
        resource: [under(changeLogBucket.tablePrefix), under('errors/')],
      },
      {
        // Record format conversion reads the table's schema: that table, its database, the catalog.
        actions: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
        resource: [
          glueArn('catalog'),
          glueArn(`database/${catalog.database}`),
          glueArn(`table/${catalog.database}/${catalog.changeTable}`),
        ],
      },
      {
        actions: ['logs:PutLogEvents'],
        resource: expect.objectContaining({ 'Fn::GetAtt': [expect.stringMatching(/DeliveryLogs/), 'Arn'] }),
      },
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/s3:\*|s3:DeleteObject|"\*"|glue:GetSchemaVersion/);
  });
});

describe('S3 buckets', () => {
  it('all three are encrypted, block public access and deny non-SSL requests', () => {
    const buckets = ofType('AWS::S3::Bucket');
    expect(buckets).toHaveLength(3);
    for (const [id, bucket] of buckets) {
      expect(bucket.Properties.BucketEncryption).toEqual({
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      });
      expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      });
      const policy = ofType('AWS::S3::BucketPolicy').find(([, p]) => p.Properties.Bucket.Ref === id);
      expect(policy, `${id} has a bucket policy`).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Action: 's3:*',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });

  it('change log: stage-qualified name, access logs, errors/ expire', () => {
    const bucket = resources[idOf(stack.storage.changeLog)]!;
    expect(bucket.Properties.BucketName).toBe(CHANGE_LOG);
    expect(bucket.Properties.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: idOf(stack.storage.accessLogs) },
      LogFilePrefix: `${changeLogBucket.name}/`,
    });
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Id: 'expire-errors',
          Prefix: 'errors/',
          ExpirationInDays: 30,
          Status: 'Enabled',
        }),
      ]),
    );
    expect(changeLogBucket.errorPrefix.startsWith('errors/')).toBe(true);
  });

  it('Athena results: results/ expire', () => {
    const bucket = resources[idOf(stack.storage.athenaResults)]!;
    expect(bucket.Properties.BucketName).toBe(RESULTS);
    // The longest name: a 10-character stage in a 14-character region still fits S3's 63.
    expect(`${athenaResultsBucket.name}-abcdefghij-${env.account}-ap-southeast-5`.length).toBeLessThanOrEqual(
      63,
    );
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: athenaResultsBucket.prefix, ExpirationInDays: 7 }),
      ]),
    );
  });

  it('keeps change-log objects forever unless changeLogRetentionDays is set', () => {
    const t = buildApp({ nag: false, env, context: { ...PIPELINE_ONLY, changeLogRetentionDays: 365 } }).stack;
    const rules =
      Template.fromStack(t).toJSON().Resources[idOf(t.storage.changeLog)].Properties.LifecycleConfiguration
        .Rules;
    expect(rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Prefix: changeLogBucket.tablePrefix, ExpirationInDays: 365 }),
      ]),
    );
    const defaults = resources[idOf(stack.storage.changeLog)]!.Properties.LifecycleConfiguration.Rules as {
      Prefix?: string;
    }[];
    expect(defaults.some((r) => r.Prefix === changeLogBucket.tablePrefix)).toBe(false);
  });
});

describe('Glue catalog', () => {
  /** The change table; infra/test/error-catalog.test.ts tests order_change_errors. */
  const tableResource = (name: string) => {
    const found = ofType('AWS::Glue::Table').filter(([, t]) => t.Properties.TableInput.Name === name);
    expect(found).toHaveLength(1);
    return found[0]![1];
  };
  const changeTableResource = () => tableResource(catalog.changeTable);

  it('database and table names are those analysts write SQL against', () => {
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: catalog.database } });
    const table = changeTableResource();
    expect(table.Properties.TableInput.Name).toBe(catalog.changeTable);
  });

  it('columns equal CHANGE_ROW_COLUMNS, partitioned by dt', () => {
    const input = changeTableResource().Properties.TableInput;
    expect(input.StorageDescriptor.Columns).toEqual(
      CHANGE_ROW_COLUMNS.map((c) => ({ Name: c.name, Type: c.glue })),
    );
    expect(input.PartitionKeys).toEqual([{ Name: PARTITION_COLUMN.name, Type: PARTITION_COLUMN.glue }]);
  });

  it('reads Parquet under the table prefix with dt partition projection', () => {
    const input = changeTableResource().Properties.TableInput;
    const bucketRef = { Ref: idOf(stack.storage.changeLog) };
    expect(input.StorageDescriptor).toMatchObject({
      SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
      InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
      OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
    });
    expect(input.StorageDescriptor.Location).toEqual({
      'Fn::Join': ['', ['s3://', bucketRef, `/${changeLogBucket.tablePrefix}`]],
    });
    expect(input.Parameters).toMatchObject({
      classification: 'parquet',
      'parquet.compression': 'SNAPPY',
      has_encrypted_data: false,
      'projection.enabled': 'true',
      'projection.dt.type': 'date',
      'projection.dt.format': 'yyyy-MM-dd',
      'projection.dt.range': '2024-01-01,NOW',
      'storage.location.template': {
        'Fn::Join': ['', ['s3://', bucketRef, `/${changeLogBucket.tablePrefix}dt=\${dt}/`]],
      },
    });
    // The template and Firehose's prefix describe the same folders.
    expect(changeLogBucket.dataPrefix).toBe(`${changeLogBucket.tablePrefix}dt=!{partitionKeyFromLambda:dt}/`);
  });

  it('time columns are timestamps in order_changes and strings in order_changes_v1', () => {
    const typesOf = (name: string) =>
      Object.fromEntries(
        tableResource(name).Properties.TableInput.StorageDescriptor.Columns.map((c: { Name: string; Type: string }) => [
          c.Name,
          c.Type,
        ]),
      );
    const typed = typesOf(catalog.changeTable);
    const legacy = typesOf(catalog.legacyChangeTable);
    for (const name of TIME_COLUMNS) {
      expect(typed[name], name).toBe('timestamp');
      expect(legacy[name], name).toBe('string');
    }
    expect(typed.total_cents).toBe('bigint');
    expect(legacy.total_cents).toBe('bigint');
  });

  it('keeps the string-typed log readable where it was, as order_changes_v1', () => {
    const input = tableResource(catalog.legacyChangeTable).Properties.TableInput;
    const bucketRef = { Ref: idOf(stack.storage.changeLog) };
    expect(input.StorageDescriptor.Columns).toEqual(
      LEGACY_CHANGE_ROW_COLUMNS.map((c) => ({ Name: c.name, Type: c.glue })),
    );
    expect(input.StorageDescriptor.Location).toEqual({
      'Fn::Join': ['', ['s3://', bucketRef, `/${changeLogBucket.legacyTablePrefix}`]],
    });
    expect(input.Parameters['storage.location.template']).toEqual({
      'Fn::Join': ['', ['s3://', bucketRef, `/${changeLogBucket.legacyTablePrefix}dt=\${dt}/`]],
    });
    // Two tables over one prefix would read each other's files: the prefixes must not nest.
    expect(changeLogBucket.tablePrefix.startsWith(changeLogBucket.legacyTablePrefix)).toBe(false);
    expect(changeLogBucket.legacyTablePrefix.startsWith(changeLogBucket.tablePrefix)).toBe(false);
  });

  it('has the tutorial’s crawler on that same table, which logs rather than rewrites schema changes', () => {
    template.hasResourceProperties('AWS::Glue::Crawler', {
      Name: 'dev-order_changes-crawler',
      Role: getAtt(stack.analytics.crawlerRole, 'Arn'),
      Targets: { CatalogTargets: [{ DatabaseName: catalog.database, Tables: [catalog.changeTable] }] },
      SchemaChangePolicy: { UpdateBehavior: 'LOG', DeleteBehavior: 'LOG' },
    });
  });

  it('crawler role reads only the table prefix and updates only that table', () => {
    const { statements, managed } = permissionsOf(stack.analytics.crawlerRole);
    expect(managed).toBeUndefined();
    const text = JSON.stringify(statements);
    expect(text).not.toMatch(/"Resource":"\*"|s3:PutObject|glue:Delete|glue:CreateTable/);
    const glue = statements.find((s) => actions(s).includes('glue:UpdateTable'))!;
    expect(JSON.stringify(glue.Resource)).toContain(`:table/${catalog.database}/${catalog.changeTable}`);
    const read = statements.find((s) => actions(s).includes('s3:GetObject'))!;
    expect(read.Resource).toEqual({
      'Fn::Join': ['', [getAtt(stack.storage.changeLog, 'Arn'), `/${changeLogBucket.tablePrefix}*`]],
    });
  });
});

describe('Athena', () => {
  it('workgroup is stage-named, enforced, with result location, SSE and a scan cutoff', () => {
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: `dev-${catalog.workGroup}`,
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        ResultConfiguration: {
          OutputLocation: {
            'Fn::Join': [
              '',
              ['s3://', { Ref: idOf(stack.storage.athenaResults) }, `/${athenaResultsBucket.prefix}`],
            ],
          },
          EncryptionConfiguration: { EncryptionOption: 'SSE_S3' },
        },
      }),
    });
  });

  it('saves every built-in query (one definition in lib/queries) as a named query in that workgroup', () => {
    const queries = ofType('AWS::Athena::NamedQuery').map(([, q]) => q.Properties);
    expect(queries.map((q) => q.Name)).toEqual(BUILT_IN_QUERIES.map((q) => q.name));
    for (const [i, query] of queries.entries()) {
      const builtIn = BUILT_IN_QUERIES[i]!;
      expect(query).toMatchObject({
        Database: catalog.database,
        WorkGroup: { Ref: idOf(stack.analytics.workGroup) },
        QueryString: builtIn.sql,
      });
      // The description header round-trips to the folder, tags and parameter types of the definition.
      const { description, meta } = decodeDescription(query.Description);
      expect(description).toBe(builtIn.description);
      expect(meta).toEqual({
        folder: builtIn.folder,
        tags: builtIn.tags,
        paramTypes: builtIn.paramTypes,
        builtIn: true,
      });
      expect(query.Description.length).toBeLessThanOrEqual(1024);
    }
    const view = queries.find((q) => q.Name === `create ${catalog.currentView} view`);
    expect(view?.QueryString).toBe(
      `CREATE OR REPLACE VIEW ${catalog.database}.${catalog.currentView} AS\n${currentViewSql}`,
    );
  });
});

describe('alarms', () => {
  it('fires when the pipe DLQ holds messages', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: getAtt(stack.capture.deadLetterQueue, 'QueueName') }],
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('fires when the transform sends records to the error prefix (metric filter on its log)', () => {
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.result = "ProcessingFailed" }',
      MetricTransformations: [
        { MetricNamespace: 'SalesCdc/dev', MetricName: 'TransformFailedRecords', MetricValue: '1' },
      ],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'SalesCdc/dev',
      MetricName: 'TransformFailedRecords',
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 0,
    });
  });

  it('fires when Firehose cannot invoke the transform or deliver to S3', () => {
    for (const metric of ['ExecuteProcessing.Success', 'DeliveryToS3.Success']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Firehose',
        MetricName: metric,
        ComparisonOperator: 'LessThanThreshold',
        Threshold: 1,
      });
    }
  });
});

describe('Cognito sign-in', () => {
  const clients = () => ofType('AWS::Cognito::UserPoolClient').map(([, r]) => r.Properties);
  const web = () => clients().find((c) => c.AllowedOAuthFlowsUserPoolClient)!;
  const cli = () => clients().find((c) => !c.AllowedOAuthFlowsUserPoolClient)!;

  it('pool: admin-created users only, strong passwords, optional TOTP, threat protection', () => {
    const pool = only('AWS::Cognito::UserPool').Properties;
    expect(pool.UserPoolName).toBe('dev-sales-cdc-users');
    expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    expect(pool.UserPoolTier).toBe('PLUS');
  });

  it('has one group per role, named as lib/auth/roles.ts reads them from cognito:groups', () => {
    const groups = ofType('AWS::Cognito::UserPoolGroup').map(([, r]) => r.Properties.GroupName);
    expect(groups.sort()).toEqual([...ROLES].sort());
  });

  it('web client: public, code flow only, callback and sign-out URLs of the app, revocable tokens', () => {
    const client = web();
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthScopes.sort()).toEqual(['email', 'openid', 'profile']);
    expect(client.CallbackURLs).toEqual(['http://localhost:3000/auth/callback']);
    expect(client.LogoutURLs).toEqual(['http://localhost:3000/signed-out']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
    expect(client.EnableTokenRevocation).toBe(true);
    expect(client.ExplicitAuthFlows).not.toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('cli client: password and SRP sign-in for Bearer tokens, no OAuth redirects', () => {
    const client = cli();
    expect(client.GenerateSecret).toBe(false);
    expect(client.ExplicitAuthFlows.sort()).toEqual(
      ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'].sort(),
    );
    expect(client.CallbackURLs).toBeUndefined();
  });

  it('managed login v2 with a style for the web client', () => {
    expect(only('AWS::Cognito::UserPoolDomain').Properties.ManagedLoginVersion).toBe(2);
    expect(only('AWS::Cognito::ManagedLoginBranding').Properties.UseCognitoProvidedValues).toBe(true);
  });

  it('takes several app URLs and required MFA from context', () => {
    const t = Template.fromStack(
      buildApp({
        nag: false,
        env,
        context: {
          ...PIPELINE_ONLY,
          appUrl: 'https://sales.example.com,http://localhost:3000',
          mfa: 'required',
        },
      }).stack,
    );
    t.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://sales.example.com/auth/callback', 'http://localhost:3000/auth/callback'],
    });
    t.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
  });
});

describe('outputs', () => {
  it('export every name the app needs', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    for (const key of Object.keys(OUTPUT_ENV)) expect(outputs, key).toHaveProperty(key);
    expect(outputs.AthenaDatabase!.Value).toBe(catalog.database);
    expect(outputs.Region!.Value).toBe(env.region);
    expect(outputs.QueryNamesTableName!.Value).toEqual({ Ref: idOf(stack.queryNames.table) });
  });
});

describe('inventory', () => {
  it('has exactly the resources this file tests', () => {
    const counts = Object.values(resources).reduce<Record<string, number>>(
      (acc, r) => ({ ...acc, [r.Type]: (acc[r.Type] ?? 0) + 1 }),
      {},
    );
    expect(counts).toEqual({
      'AWS::DynamoDB::Table': 3,
      'AWS::Kinesis::Stream': 1,
      'AWS::SQS::Queue': 1,
      'AWS::SQS::QueuePolicy': 1,
      'AWS::Pipes::Pipe': 1,
      // The fifth role and policy, the second table and crawler, and the classifier: error-catalog.test.ts.
      'AWS::IAM::Role': 5,
      'AWS::IAM::Policy': 5,
      'AWS::Lambda::Function': 1,
      'AWS::Logs::LogGroup': 2,
      'AWS::Logs::LogStream': 1,
      'AWS::Logs::MetricFilter': 1,
      'AWS::KinesisFirehose::DeliveryStream': 1,
      'AWS::S3::Bucket': 3,
      'AWS::S3::BucketPolicy': 3,
      'AWS::Glue::Database': 1,
      // order_changes, order_changes_v1 and order_change_errors (error-catalog.test.ts).
      'AWS::Glue::Table': 3,
      'AWS::Glue::Crawler': 2,
      'AWS::Glue::Classifier': 1,
      'AWS::Athena::WorkGroup': 1,
      'AWS::Athena::NamedQuery': BUILT_IN_QUERIES.length,
      'AWS::CloudWatch::Alarm': 4,
      'AWS::Cognito::UserPool': 1,
      'AWS::Cognito::UserPoolGroup': ROLES.length,
      'AWS::Cognito::UserPoolClient': 2,
      'AWS::Cognito::UserPoolDomain': 1,
      'AWS::Cognito::ManagedLoginBranding': 1,
      'AWS::SNS::Topic': 1,
      'AWS::SNS::TopicPolicy': 1,
      'AWS::KMS::Key': 1,
    });
  });
});
