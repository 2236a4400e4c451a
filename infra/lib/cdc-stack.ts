import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { athenaResultsBucket, catalog } from '@/lib/resources';
import { Analytics } from './analytics';
import { ChangeCapture } from './change-capture';
import { ChangeDelivery } from './change-delivery';
import type { StageConfig } from './config';
import { Identity } from './identity';
import { OUTPUT_ENV } from './outputs';
import { acknowledgeFindings, type Acknowledgement } from './nag-acknowledgements';
import { QueryNames } from './query-names';
import { PipelineStorage } from './storage';

export type SalesCdcStackProps = StackProps & { config: StageConfig };

/** The whole CDC pipeline of one stage, from lib/resources.ts. */
export class SalesCdcStack extends Stack {
  readonly capture: ChangeCapture;
  readonly delivery: ChangeDelivery;
  readonly storage: PipelineStorage;
  readonly analytics: Analytics;
  readonly identity: Identity;
  readonly queryNames: QueryNames;
  readonly pipeDeadLetterAlarm: cloudwatch.Alarm;
  readonly acknowledgements: Acknowledgement[];

  constructor(scope: Construct, id: string, props: SalesCdcStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.storage = new PipelineStorage(this, 'Storage', config);
    this.capture = new ChangeCapture(this, 'Capture', config);
    this.analytics = new Analytics(this, 'Analytics', {
      config,
      changeLog: this.storage.changeLog,
      results: this.storage.athenaResults,
    });
    this.delivery = new ChangeDelivery(this, 'Delivery', {
      config,
      source: this.capture.stream,
      bucket: this.storage.changeLog,
      schemaTable: this.analytics.table.node.defaultChild as glue.CfnTable,
    });
    this.identity = new Identity(this, 'Identity', config);
    this.queryNames = new QueryNames(this, 'QueryNames', config);

    this.pipeDeadLetterAlarm = new cloudwatch.Alarm(this, 'PipeDeadLetterAlarm', {
      alarmDescription:
        'Stream records the pipe could not put to Kinesis after its retries are in the dead-letter queue',
      metric: this.capture.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });

    const outputs: Record<keyof typeof OUTPUT_ENV, string> = {
      Region: this.region,
      OrdersTableName: this.capture.table.tableName,
      QueryNamesTableName: this.queryNames.table.tableName,
      ChangeStreamName: this.capture.stream.streamName,
      AthenaWorkGroup: this.analytics.workGroup.ref,
      AthenaDatabase: catalog.database,
      ChangeLogBucketName: this.storage.changeLog.bucketName,
      PipeDeadLetterQueueUrl: this.capture.deadLetterQueue.queueUrl,
      AuthIssuerUrl: this.identity.issuerUrl,
      AuthClientId: this.identity.webClient.userPoolClientId,
      AuthApiClientIds: [this.identity.cliClient.userPoolClientId].join(','),
      AuthLogoutUrl: this.identity.logoutUrl,
      AppUrl: config.auth.appUrls[0]!,
    };
    for (const [key, value] of Object.entries(outputs)) {
      new CfnOutput(this, key, {
        value,
        description: `${OUTPUT_ENV[key as keyof typeof OUTPUT_ENV]} for the dashboard`,
      });
    }
    // Informational: the workgroup enforces it, so the app does not send it (that would turn result reuse off).
    new CfnOutput(this, 'AthenaResultsLocation', {
      value: `s3://${this.storage.athenaResults.bucketName}/${athenaResultsBucket.prefix}`,
    });
    new CfnOutput(this, 'DeliveryStreamName', { value: this.delivery.deliveryStream.deliveryStreamName });
    new CfnOutput(this, 'PipeName', { value: this.capture.pipe.ref });
    new CfnOutput(this, 'AthenaResultsBucketName', { value: this.storage.athenaResults.bucketName });
    new CfnOutput(this, 'AccessLogsBucketName', { value: this.storage.accessLogs.bucketName });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'AuthDomainUrl', {
      value: this.identity.domain.baseUrl(),
      description: 'Managed login; the dashboard redirects here to sign in',
    });

    this.acknowledgements = acknowledgeFindings(this);
  }
}
