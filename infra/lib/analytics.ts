import { Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { changeTable, legacyChangeTable } from '@/lib/analytics/catalog';
import { BUILT_IN_QUERIES, builtInDescription } from '@/lib/queries/built-in';
import { athenaResultsBucket, catalog } from '@/lib/resources';
import { crawlerLogsStatement, glueType } from './glue-parts';
import { physicalName, type StageConfig } from './config';

/** First day partition projection enumerates; earlier `dt` values are never scanned. */
export const PROJECTION_START = '2024-01-01';


type ChangeLogTableDefinition = typeof changeTable | typeof legacyChangeTable;

/** A Parquet table over one change-log prefix, `dt` projected from PROJECTION_START to today. */
function changeLogTable(
  scope: Construct,
  id: string,
  table: ChangeLogTableDefinition,
  database: glue.IDatabase,
  changeLog: s3.IBucket,
  { description }: { description: string },
): glue.S3Table {
  const location = `s3://${changeLog.bucketName}/${table.prefix}`;
  return new glue.S3Table(scope, id, {
    database,
    tableName: table.name,
    description,
    columns: table.columns.map((c) => ({ name: c.name, type: glueType(c.glue) })),
    partitionKeys: [{ name: table.partition.name, type: glueType(table.partition.glue) }],
    dataFormat: glue.DataFormat.PARQUET,
    // SSE-S3, which S3 decrypts transparently; `true` would mean client-side (CSE-KMS) encryption.
    hasEncryptedData: false,
    storage: glue.S3TableStorage.fromBucket(changeLog),
    s3Prefix: table.prefix,
    partitionProjection: {
      [table.partition.name]: glue.PartitionProjectionConfiguration.date({
        min: PROJECTION_START,
        max: 'NOW',
        format: 'yyyy-MM-dd',
        step: { interval: 1, intervalUnit: glue.DateIntervalUnit.DAYS },
      }),
    },
    parameters: {
      'storage.location.template': `${location}${table.partition.name}=\${${table.partition.name}}/`,
      classification: table.format,
      'parquet.compression': 'SNAPPY',
    },
  });
}

export type AnalyticsProps = { config: StageConfig; changeLog: s3.IBucket; results: s3.IBucket };

/**
 * Glue database and table over the change log (partition projection on `dt`, so new days are
 * queryable without a crawler run), the tutorial's crawler on that same table, and an Athena
 * workgroup that enforces its result location and a per-query scan limit.
 */
export class Analytics extends Construct {
  readonly database: glue.Database;
  readonly table: glue.S3Table;
  readonly legacyTable: glue.S3Table;
  readonly crawler: glue.CfnCrawler;
  readonly crawlerRole: iam.Role;
  readonly workGroup: athena.CfnWorkGroup;
  readonly namedQueries: athena.CfnNamedQuery[];

  constructor(scope: Construct, id: string, { config, changeLog, results }: AnalyticsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    // Not stage-prefixed: the view and saved queries name `sales_cdc.order_changes` in their SQL.
    this.database = new glue.Database(this, 'Database', {
      databaseName: changeTable.database,
      description: 'Sales order change data capture (DynamoDB → Kinesis → Firehose → S3)',
    });

    this.table = changeLogTable(this, 'ChangeTable', changeTable, this.database, changeLog, {
      description:
        'One row per order change (lib/cdc/transform), Snappy Parquet written by Firehose; time columns are UTC timestamps',
    });
    // Where a deployment wrote before the time columns were typed: Athena refuses a Parquet column
    // whose physical type differs from the table's, so the old objects keep their own table.
    this.legacyTable = changeLogTable(this, 'LegacyChangeTable', legacyChangeTable, this.database, changeLog, {
      description:
        'Order changes written before the time columns were typed (ISO 8601 strings); read-only, orders_current unions it with order_changes',
    });

    this.crawlerRole = new iam.Role(this, 'CrawlerRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description:
        'Glue crawler: read the change log prefix, update the order_changes table and its partitions',
    });
    const catalogArn = stack.formatArn({ service: 'glue', resource: 'catalog' });
    const databaseArn = stack.formatArn({
      service: 'glue',
      resource: 'database',
      resourceName: changeTable.database,
    });
    const tableArn = stack.formatArn({
      service: 'glue',
      resource: 'table',
      resourceName: `${changeTable.database}/${changeTable.name}`,
    });
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UpdateChangeTable',
        actions: [
          'glue:GetDatabase',
          'glue:GetTable',
          'glue:UpdateTable',
          'glue:GetPartition',
          'glue:GetPartitions',
          'glue:BatchGetPartition',
          'glue:CreatePartition',
          'glue:BatchCreatePartition',
          'glue:UpdatePartition',
          'glue:BatchUpdatePartition',
        ],
        resources: [catalogArn, databaseArn, tableArn],
      }),
    );
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListChangeLog',
        actions: ['s3:ListBucket'],
        resources: [changeLog.bucketArn],
      }),
    );
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadChangeLog',
        actions: ['s3:GetObject'],
        resources: [changeLog.arnForObjects(`${changeTable.prefix}*`)],
      }),
    );
    this.crawlerRole.addToPolicy(crawlerLogsStatement(stack));

    this.crawler = new glue.CfnCrawler(this, 'Crawler', {
      name: physicalName(config.stage, `${changeTable.name}-crawler`),
      description:
        'As in the tutorial: crawls the order_changes table. Optional here: partition projection already finds every dt.',
      role: this.crawlerRole.roleArn,
      databaseName: changeTable.database,
      targets: { catalogTargets: [{ databaseName: changeTable.database, tables: [changeTable.name] }] },
      // A catalog-target crawler must only log deletions; the table's schema is ours (lib/cdc), not inferred.
      schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
      configuration: JSON.stringify({
        Version: 1.0,
        CrawlerOutput: {
          Partitions: { AddOrUpdateBehavior: 'InheritFromTable' },
          Tables: { AddOrUpdateBehavior: 'MergeNewColumns' },
        },
      }),
    });
    this.crawler.node.addDependency(this.table);

    this.workGroup = new athena.CfnWorkGroup(this, 'WorkGroup', {
      // Every account already has a `primary` workgroup, so ours carries the stage.
      name: physicalName(config.stage, catalog.workGroup),
      description: 'Sales CDC dashboard and analysts: results in the results bucket, scan limit per query',
      state: 'ENABLED',
      recursiveDeleteOption: true,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: config.bytesScannedCutoffPerQuery,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${results.bucketName}/${athenaResultsBucket.prefix}`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });

    this.namedQueries = BUILT_IN_QUERIES.map((query, i) => {
      const named = new athena.CfnNamedQuery(this, `Query${i}`, {
        name: query.name,
        // Folder, tags and parameter types ride in a header line (lib/queries/metadata.ts).
        description: builtInDescription(query),
        database: changeTable.database,
        queryString: query.sql,
        workGroup: this.workGroup.ref,
      });
      named.node.addDependency(this.database);
      return named;
    });
  }
}
