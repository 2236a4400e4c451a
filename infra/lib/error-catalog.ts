import { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ERROR_HOUR_FORMAT,
  ERROR_OUTPUT_TYPES,
  ERROR_PARTITIONS,
  ERROR_PROJECTION_DAYS,
  errorProjectionParameters,
  errorSerdeParameters,
  errorTable,
} from '@/lib/analytics/error-table';
import { crawlerLogsStatement, glueType } from './glue-parts';
import { physicalName, type StageConfig } from './config';

export type ErrorCatalogProps = { config: StageConfig; database: glue.IDatabase; changeLog: s3.IBucket };


/** Weekly: error objects are few and the check only reports; a run costs one crawler minimum (~10 DPU-minutes). */
export const ERROR_CRAWLER_SCHEDULE = 'cron(0 6 ? * MON *)';

/**
 * `order_change_errors` over Firehose's error prefix (lib/analytics/error-table.ts), a custom
 * JSON classifier, and a crawler that uses it.
 *
 * Partitions come from partition projection, not the crawler: the error prefix gets a new
 * `<type>/<yyyy/MM/dd/HH>/` folder every hour something fails, and an analyst looking at a failure
 * needs it queryable at once, not after the next crawl. Projection covers the 31 days the bucket
 * keeps error objects, so Athena never lists more than ~2,200 prefixes.
 *
 * The crawler's job is drift detection: it reads the error objects with the classifier (one JSON
 * record per line, `$`) and logs, never applies, any difference between what Firehose writes and
 * the table (a new field, a type change), so the definition can follow. The table's schema is ours
 * because the SerDe mapping (snake_case → Firehose's camelCase) is not something a crawler infers.
 */
export class ErrorCatalog extends Construct {
  readonly table: glue.S3Table;
  readonly classifier: glue.CfnClassifier;
  readonly crawler: glue.CfnCrawler;
  readonly crawlerRole: iam.Role;

  constructor(scope: Construct, id: string, { config, database, changeLog }: ErrorCatalogProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const [typePartition, hourPartition] = ERROR_PARTITIONS;

    this.table = new glue.S3Table(this, 'Table', {
      database,
      tableName: errorTable.name,
      description: "Records Firehose could not transform, partition or convert (its error prefix), one row per record",
      columns: errorTable.columns.map((c) => ({ name: c.name, type: glueType(c.glue), comment: c.comment })),
      partitionKeys: errorTable.partitions.map((c) => ({ name: c.name, type: glueType(c.glue), comment: c.comment })),
      // OpenX JSON SerDe, text input: what Firehose's error objects are.
      dataFormat: glue.DataFormat.JSON,
      hasEncryptedData: false,
      storage: glue.S3TableStorage.fromBucket(changeLog),
      s3Prefix: errorTable.prefix,
      partitionProjection: {
        [typePartition.name]: glue.PartitionProjectionConfiguration.enum({ values: [...ERROR_OUTPUT_TYPES] }),
        [hourPartition.name]: glue.PartitionProjectionConfiguration.date({
          min: `NOW-${ERROR_PROJECTION_DAYS}DAYS`,
          max: 'NOW',
          format: ERROR_HOUR_FORMAT,
          step: { interval: 1, intervalUnit: glue.DateIntervalUnit.HOURS },
        }),
      },
      parameters: Object.fromEntries(
        Object.entries(errorProjectionParameters(`s3://${changeLog.bucketName}/`)).filter(
          ([key]) => key === 'storage.location.template' || key === 'classification',
        ),
      ),
    });
    // The L2 table has no SerDe parameters; the mapping is what makes snake_case columns read camelCase fields.
    (this.table.node.defaultChild as glue.CfnTable).addPropertyOverride(
      'TableInput.StorageDescriptor.SerdeInfo.Parameters',
      errorSerdeParameters(),
    );

    this.classifier = new glue.CfnClassifier(this, 'Classifier', {
      jsonClassifier: { name: physicalName(config.stage, errorTable.classifier.name), jsonPath: errorTable.classifier.jsonPath },
    });

    this.crawlerRole = new iam.Role(this, 'CrawlerRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: 'Glue crawler: read the Firehose error prefix and the order_change_errors table, write its logs',
    });
    const arn = (resource: string, resourceName?: string) =>
      stack.formatArn({ service: 'glue', resource, resourceName });
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadErrorTable',
        // Read only: the crawler logs what it would change (schemaChangePolicy LOG) and writes no partitions.
        actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'],
        resources: [arn('catalog'), arn('database', errorTable.database), arn('table', `${errorTable.database}/${errorTable.name}`)],
      }),
    );
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ListErrorPrefix',
        actions: ['s3:ListBucket'],
        resources: [changeLog.bucketArn],
        conditions: { StringLike: { 's3:prefix': [`${errorTable.prefix}*`] } },
      }),
    );
    this.crawlerRole.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadErrorPrefix',
        actions: ['s3:GetObject'],
        resources: [changeLog.arnForObjects(`${errorTable.prefix}*`)],
      }),
    );
    this.crawlerRole.addToPolicy(crawlerLogsStatement(stack));

    this.crawler = new glue.CfnCrawler(this, 'Crawler', {
      name: physicalName(config.stage, `${errorTable.name}-crawler`),
      description:
        "Weekly drift check: reads Firehose's error records with the JSON classifier and logs any difference from order_change_errors (partitions are projected)",
      role: this.crawlerRole.roleArn,
      databaseName: errorTable.database,
      // Ref of a classifier is its name, which also orders the crawler after it.
      classifiers: [this.classifier.ref],
      targets: { catalogTargets: [{ databaseName: errorTable.database, tables: [errorTable.name] }] },
      schedule: { scheduleExpression: ERROR_CRAWLER_SCHEDULE },
      schemaChangePolicy: { updateBehavior: 'LOG', deleteBehavior: 'LOG' },
      configuration: JSON.stringify({
        Version: 1.0,
        CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
      }),
    });
    this.crawler.node.addDependency(this.table);
  }
}
