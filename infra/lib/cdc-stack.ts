import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as glue from 'aws-cdk-lib/aws-glue';
import { Construct } from 'constructs';
import { athenaResultsBucket, catalog } from '@/lib/resources';
import { AlarmTopic } from './alarm-topic';
import { Analytics } from './analytics';
import { ChangeCapture } from './change-capture';
import { ChangeDelivery } from './change-delivery';
import type { StageConfig } from './config';
import { dashboardStatements } from './dashboard-access';
import { DashboardEntry } from './dashboard-entry';
import { DashboardService } from './dashboard-service';
import { ErrorCatalog } from './error-catalog';
import { FeedReadBudget } from './feed-read-budget';
import { Identity } from './identity';
import { OUTPUT_ENV } from './outputs';
import { acknowledgeFindings, type Acknowledgement } from './nag-acknowledgements';
import { QueryNames } from './query-names';
import { PipelineStorage } from './storage';

export type SalesCdcStackProps = StackProps & {
  config: StageConfig;
  /** Holds the CloudFront web ACL when this stack is not in us-east-1 (WAF's rule for CloudFront). */
  edgeStack?: Stack;
};

/** The whole CDC pipeline of one stage, from lib/resources.ts. */
export class SalesCdcStack extends Stack {
  readonly capture: ChangeCapture;
  readonly delivery: ChangeDelivery;
  readonly storage: PipelineStorage;
  readonly analytics: Analytics;
  readonly errorCatalog: ErrorCatalog;
  readonly identity: Identity;
  readonly queryNames: QueryNames;
  readonly feedReadBudget: FeedReadBudget;
  readonly dashboardEntry: DashboardEntry | undefined;
  readonly dashboard: DashboardService | undefined;
  readonly alarmTopic: AlarmTopic;
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
    this.errorCatalog = new ErrorCatalog(this, 'ErrorCatalog', {
      config,
      database: this.analytics.database,
      changeLog: this.storage.changeLog,
    });
    this.delivery = new ChangeDelivery(this, 'Delivery', {
      config,
      source: this.capture.stream,
      bucket: this.storage.changeLog,
      schemaTable: this.analytics.table.node.defaultChild as glue.CfnTable,
    });
    this.queryNames = new QueryNames(this, 'QueryNames', config);
    this.feedReadBudget = new FeedReadBudget(this, 'FeedReadBudget', config);
    this.dashboardEntry = config.hosting
      ? new DashboardEntry(this, 'DashboardEntry', {
          stage: config.stage,
          hosting: config.hosting,
          accessLogs: this.storage.accessLogs,
          edgeScope: props.edgeStack ?? this,
        })
      : undefined;
    // The hosted URL comes first: it is APP_URL, and Cognito sends people back to it.
    const appUrls = [...(this.dashboardEntry ? [this.dashboardEntry.url] : []), ...config.auth.appUrls];
    this.identity = new Identity(this, 'Identity', { ...config, auth: { ...config.auth, appUrls } });

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
      FeedReadBudgetTableName: this.feedReadBudget.table.tableName,
      ChangeStreamName: this.capture.stream.streamName,
      AthenaWorkGroup: this.analytics.workGroup.ref,
      AthenaDatabase: catalog.database,
      ChangeLogBucketName: this.storage.changeLog.bucketName,
      PipeDeadLetterQueueUrl: this.capture.deadLetterQueue.queueUrl,
      AuthIssuerUrl: this.identity.issuerUrl,
      AuthClientId: this.identity.webClient.userPoolClientId,
      AuthApiClientIds: [this.identity.cliClient.userPoolClientId].join(','),
      AuthLogoutUrl: this.identity.logoutUrl,
      AppUrl: appUrls[0]!,
    };
    this.dashboard =
      this.dashboardEntry && config.hosting
        ? new DashboardService(this, 'Dashboard', {
            stage: config.stage,
            hosting: config.hosting,
            entry: this.dashboardEntry,
            environment: {
              ...Object.fromEntries(
                Object.entries(outputs).map(([key, value]) => [
                  OUTPUT_ENV[key as keyof typeof OUTPUT_ENV],
                  value,
                ]),
              ),
              NEXT_TELEMETRY_DISABLED: '1',
              AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            },
            statements: dashboardStatements(this, {
              orders: this.capture.table,
              queryNames: this.queryNames.table,
              feedReadBudget: this.feedReadBudget.table,
              changeStream: this.capture.stream,
              changeLog: this.storage.changeLog,
              athenaResults: this.storage.athenaResults,
              pipeDeadLetterQueue: this.capture.deadLetterQueue,
              workGroupName: this.analytics.workGroup.ref,
            }),
          })
        : undefined;
    this.alarmTopic = new AlarmTopic(this, 'Alarms', { stage: config.stage, email: config.alarmEmail });
    this.alarmTopic.notifyFrom(this);
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
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topic.topicArn });
    if (this.dashboard) {
      new CfnOutput(this, 'DashboardUrl', {
        value: appUrls[0]!,
        description: 'Open this and sign in; the first admin is created with FirstAdminSteps',
      });
      new CfnOutput(this, 'DashboardClusterName', { value: this.dashboard.cluster.clusterName });
      new CfnOutput(this, 'DashboardServiceName', { value: this.dashboard.service.serviceName });
      new CfnOutput(this, 'SessionSecretArn', {
        value: this.dashboard.sessionSecret.secretArn,
        description: 'The session cookie key (its value is never an output); rotating it signs everyone out',
      });
      new CfnOutput(this, 'FirstAdminSteps', {
        value: firstAdminSteps(this.identity.userPool.userPoolId, this.region),
        description: 'Run once with your own username and email; Cognito emails a temporary password',
      });
    }
    new CfnOutput(this, 'AuthDomainUrl', {
      value: this.identity.domain.baseUrl(),
      description: 'Managed login; the dashboard redirects here to sign in',
    });

    this.acknowledgements = acknowledgeFindings(this);
  }
}

/** The two CLI calls that make the first admin; the README's runbook explains them. */
export function firstAdminSteps(userPoolId: string, region: string): string {
  const pool = `--region ${region} --user-pool-id ${userPoolId}`;
  return [
    `aws cognito-idp admin-create-user ${pool} --username YOU --user-attributes Name=email,Value=YOU@EXAMPLE.COM Name=email_verified,Value=true`,
    `aws cognito-idp admin-add-user-to-group ${pool} --username YOU --group-name admin`,
  ].join(' && ');
}
