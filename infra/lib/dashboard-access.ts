import { ArnFormat, Stack } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { athenaResultsBucket, catalog, changeLogBucket, ordersTable } from '@/lib/resources';
import { ERROR_FOLDER } from './storage';

export type DashboardResources = {
  orders: dynamodb.ITable;
  queryNames: dynamodb.ITable;
  feedReadBudget: dynamodb.ITable;
  changeStream: kinesis.IStream;
  changeLog: s3.IBucket;
  athenaResults: s3.IBucket;
  pipeDeadLetterQueue: sqs.IQueue;
  workGroupName: string;
};

/**
 * Exactly what the dashboard's routes call, on these resources only (each Sid names the code that
 * needs it). `grant*` helpers are not used: they add actions the app never calls.
 */
export function dashboardStatements(scope: Construct, r: DashboardResources): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const arn = (service: string, resource: string, resourceName?: string) =>
    stack.formatArn({ service, resource, resourceName, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  const statement = (sid: string, actions: string[], resources: string[]) =>
    new iam.PolicyStatement({ sid, actions, resources });

  return [
    // lib/orders/repository.ts (CRUD, by_date and by_status queries), lib/health.ts and the health page.
    statement(
      'OrdersTable',
      [
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
        'dynamodb:DescribeTable',
      ],
      [r.orders.tableArn, ...ordersTable.indexes.map((index) => `${r.orders.tableArn}/index/${index.name}`)],
    ),
    // lib/pipeline/health.ts describes the table's stream (shards open, status).
    statement('OrdersTableStream', ['dynamodb:DescribeStream'], [r.orders.tableStreamArn!]),
    // lib/queries/name-claims.ts: claim, move and release a saved query's name.
    statement(
      'QueryNameClaims',
      ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      [r.queryNames.tableArn],
    ),
    // lib/feed: one conditional UpdateItem per GetRecords keeps every task within the shard's budget.
    statement('FeedReadBudget', ['dynamodb:UpdateItem'], [r.feedReadBudget.tableArn]),
    // lib/feed (live feed) and lib/trace/kinesis-history.ts (an order's records in the stream).
    statement(
      'ChangeStreamRead',
      ['kinesis:ListShards', 'kinesis:GetShardIterator', 'kinesis:GetRecords'],
      [r.changeStream.streamArn],
    ),
    // lib/analytics, lib/queries: run, follow, stop and list queries; the saved-query library.
    statement(
      'AthenaWorkGroup',
      [
        'athena:StartQueryExecution',
        'athena:StopQueryExecution',
        'athena:GetQueryExecution',
        'athena:GetQueryResults',
        'athena:BatchGetQueryExecution',
        'athena:ListQueryExecutions',
        'athena:GetWorkGroup',
        'athena:CreateNamedQuery',
        'athena:UpdateNamedQuery',
        'athena:DeleteNamedQuery',
        'athena:GetNamedQuery',
        'athena:BatchGetNamedQuery',
        'athena:ListNamedQueries',
      ],
      [arn('athena', 'workgroup', r.workGroupName)],
    ),
    // lib/queries/schema-browser.ts lists the database's tables and columns.
    statement(
      'AthenaCatalog',
      ['athena:ListTableMetadata'],
      [arn('athena', 'datacatalog', 'AwsDataCatalog')],
    ),
    // Athena reads the catalog with the caller's permissions, for queries and the schema browser.
    statement(
      'GlueCatalogRead',
      ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions'],
      [
        arn('glue', 'catalog'),
        arn('glue', 'database', catalog.database),
        arn('glue', 'table', `${catalog.database}/*`),
      ],
    ),
    // Athena lists and reads the change log for queries; the pipeline page and trace read objects.
    statement('ChangeLogList', ['s3:ListBucket', 's3:GetBucketLocation'], [r.changeLog.bucketArn]),
    statement(
      'ChangeLogRead',
      ['s3:GetObject'],
      [
        r.changeLog.arnForObjects(`${changeLogBucket.tablePrefix}*`),
        // order_changes_v1: what a deployment wrote before the time columns were typed.
        r.changeLog.arnForObjects(`${changeLogBucket.legacyTablePrefix}*`),
        r.changeLog.arnForObjects(`${ERROR_FOLDER}*`),
      ],
    ),
    // Athena writes each query's results under the workgroup's enforced location, as the caller.
    statement('AthenaResultsList', ['s3:ListBucket', 's3:GetBucketLocation'], [r.athenaResults.bucketArn]),
    statement(
      'AthenaResultsWrite',
      ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      [r.athenaResults.arnForObjects(`${athenaResultsBucket.prefix}*`)],
    ),
    // lib/pipeline/dead-letters.ts peeks at the pipe's dead letters (visibility timeout 0).
    statement(
      'PipeDeadLetterPeek',
      ['sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
      [r.pipeDeadLetterQueue.queueArn],
    ),
  ];
}
