import { Stack, Token, Validations } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { athenaResultsBucket, catalog, changeLogBucket } from '@/lib/resources';
import type { DashboardEntry } from './dashboard-entry';
import type { DashboardService } from './dashboard-service';
import { ERROR_FOLDER } from './storage';

/**
 * Every cdk-nag AwsSolutions finding this stack acknowledges, with its reason. infra/README.md
 * lists the same table; the template test fails if a finding is neither fixed nor listed here.
 */
export type Acknowledgement = { path: string; rule: string; reason: string };

const nagId = (rule: string) => `AwsSolutions::AwsSolutions-${rule}`;

/** How cdk-nag renders an ARN under a bucket in an IAM5 finding: `<LogicalId.Arn>/prefix*`. */
function bucketObjectsFinding(bucket: s3.IBucket, prefix: string): string {
  const stack = Stack.of(bucket);
  const logicalId = stack.resolve(
    (bucket.node.defaultChild as IConstruct & { logicalId: string }).logicalId,
  ) as string;
  return `IAM5[Resource::<${logicalId}.Arn>/${prefix}*]`;
}

function envPart(value: string, token: string): string {
  return Token.isUnresolved(value) ? `<${token}>` : value;
}

type Stackish = Stack & {
  capture: { deadLetterQueue: IConstruct };
  delivery: { policy: IConstruct; deliveryStream: IConstruct };
  analytics: { crawlerRole: IConstruct; crawler: IConstruct };
  errorCatalog: { crawlerRole: IConstruct; crawler: IConstruct };
  storage: { changeLog: s3.IBucket; athenaResults: s3.IBucket; accessLogs: IConstruct };
  identity: { userPool: IConstruct; mfaRequired: boolean };
  feedReadBudget: { table: IConstruct };
  dashboardEntry: DashboardEntry | undefined;
  dashboard: DashboardService | undefined;
};

export function acknowledgeFindings(stack: Stackish): Acknowledgement[] {
  const { capture, delivery, analytics, errorCatalog, storage, identity } = stack;
  const region = envPart(stack.region, 'AWS::Region');
  const account = envPart(stack.account, 'AWS::AccountId');
  const list: { scope: IConstruct; rule: string; reason: string }[] = [
    {
      scope: capture.deadLetterQueue,
      rule: 'SQS3',
      reason:
        "This queue is itself the dead-letter queue of the orders pipe (CfnPipe deadLetterConfig); cdk-nag only recognises SQS redrive policies, and a DLQ's DLQ would have nothing to catch.",
    },
    {
      scope: delivery.policy,
      rule: bucketObjectsFinding(storage.changeLog, changeLogBucket.tablePrefix),
      reason:
        'Firehose names its objects (dt partition, timestamp and a random suffix), so PutObject is scoped to the change-log prefix, not to known keys.',
    },
    {
      scope: delivery.policy,
      rule: bucketObjectsFinding(storage.changeLog, ERROR_FOLDER),
      reason:
        'Records Firehose cannot transform or deliver go under errors/<error-output-type>/<hour>/ with Firehose-generated names, so PutObject is scoped to that prefix.',
    },
    {
      scope: delivery.deliveryStream,
      rule: 'KDF1',
      reason:
        'Firehose cannot enable server-side encryption on a delivery stream whose source is a Kinesis stream; the data is encrypted at rest in the source stream (KMS) and in the bucket (SSE-S3), and in transit by TLS.',
    },
    {
      scope: analytics.crawlerRole,
      rule: bucketObjectsFinding(storage.changeLog, changeLogBucket.tablePrefix),
      reason:
        'The crawler reads every change-log object under the table prefix; it has no access outside it.',
    },
    {
      scope: analytics.crawlerRole,
      rule: `IAM5[Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws-glue/crawlers:*]`,
      reason:
        'Glue writes one log stream per crawler run into /aws-glue/crawlers; stream names are not known in advance.',
    },
    {
      scope: analytics.crawler,
      rule: 'GL1',
      reason:
        'Crawler logs contain table and partition names only, never order data; encrypting them needs a customer-managed KMS key (about $1/month plus a key policy for CloudWatch Logs) that nothing else here needs.',
    },
    {
      scope: errorCatalog.crawlerRole,
      rule: bucketObjectsFinding(storage.changeLog, ERROR_FOLDER),
      reason:
        'The error-table crawler reads the objects Firehose writes under errors/<error-output-type>/<hour>/ with generated names; it has no access outside that prefix.',
    },
    {
      scope: errorCatalog.crawlerRole,
      rule: `IAM5[Resource::arn:<AWS::Partition>:logs:${region}:${account}:log-group:/aws-glue/crawlers:*]`,
      reason:
        'Glue writes one log stream per crawler run into /aws-glue/crawlers, where the drift check reports; stream names are not known in advance.',
    },
    {
      scope: errorCatalog.crawler,
      rule: 'GL1',
      reason:
        'The drift check logs column names and types of the error table only, never record data; encrypting them needs a customer-managed KMS key that nothing else here needs.',
    },
  ];
  if (!identity.mfaRequired) {
    list.push({
      scope: identity.userPool,
      rule: 'COG2',
      reason:
        'MFA is optional by default (TOTP only, -c mfa=required makes it mandatory): users are created by an admin only, passwords are 12+ characters of every class, and Plus threat protection blocks risky and compromised-credential sign-ins, so a stage can roll MFA out before enforcing it.',
    });
  }
  list.push({
    scope: stack.feedReadBudget.table,
    rule: 'DDB3',
    reason:
      'The feed read budget holds one counter per shard for the current second and expires it by TTL; a point-in-time restore would bring back nothing of use.',
  });
  if (stack.dashboard) list.push(...dashboardFindings(stack, stack.dashboard, region, account));
  for (const { scope, rule, reason } of list) Validations.of(scope).acknowledge({ id: nagId(rule), reason });
  return list.map(({ scope, rule, reason }) => ({
    path: scope.node.path,
    rule: `AwsSolutions-${rule}`,
    reason,
  }));
}

type Finding = { scope: IConstruct; rule: string; reason: string };

/** The hosted dashboard's findings: its task role's object-level wildcards, and the entry point's. */
function dashboardFindings(
  stack: Stackish,
  dashboard: NonNullable<Stackish['dashboard']>,
  region: string,
  account: string,
): Finding[] {
  const taskRole = dashboard.taskDefinition.taskRole;
  const entry = stack.dashboardEntry!;
  const findings: Finding[] = [
    {
      scope: taskRole,
      rule: bucketObjectsFinding(stack.storage.changeLog, changeLogBucket.tablePrefix),
      reason:
        'Athena reads change-log objects as the caller, and the trace and pipeline pages read them; Firehose names the objects, so GetObject is scoped to the table prefix.',
    },
    {
      scope: taskRole,
      rule: bucketObjectsFinding(stack.storage.changeLog, changeLogBucket.legacyTablePrefix),
      reason:
        'orders_current and the trace read order_changes_v1, the change log a deployment wrote before the time columns were typed; GetObject is scoped to that prefix, where nothing writes any more.',
    },
    {
      scope: taskRole,
      rule: bucketObjectsFinding(stack.storage.changeLog, ERROR_FOLDER),
      reason:
        'The pipeline page shows the records Firehose failed, which it writes under errors/ with generated names; GetObject is scoped to that prefix.',
    },
    {
      scope: taskRole,
      rule: bucketObjectsFinding(stack.storage.athenaResults, athenaResultsBucket.prefix),
      reason:
        "Athena writes each query result as the caller, under the workgroup's enforced location with a name from the query id; access is scoped to that prefix.",
    },
    {
      scope: taskRole,
      rule: `IAM5[Resource::arn:<AWS::Partition>:glue:${region}:${account}:table/${catalog.database}/*]`,
      reason:
        'Analysts query and browse any table of the one sales_cdc database (order_changes, the orders_current view, crawler-made tables); read-only Glue actions, no other database.',
    },
    {
      scope: dashboard.taskDefinition.executionRole!,
      rule: 'IAM5[Resource::*]',
      reason:
        'ecr:GetAuthorizationToken has no resource-level permissions; the image pull and the secret read that ECS adds are scoped to the asset repository and the session secret.',
    },
    {
      scope: dashboard.taskDefinition,
      rule: 'ECS2',
      reason:
        'The environment holds only resource names, URLs and client ids (the same names lib/config.ts reads locally); the one secret, SESSION_SECRET, comes from Secrets Manager.',
    },
    {
      scope: dashboard.sessionSecret,
      rule: 'SMG4',
      reason:
        'Rotating the session key signs every user out (managed login signs them back in silently), so it is rotated on purpose with the runbook in infra/README.md, not on a schedule.',
    },
  ];
  if (entry.distribution) {
    findings.push(
      {
        scope: entry.distribution,
        rule: 'CFR4',
        reason:
          "Without a custom domain the distribution uses CloudFront's default *.cloudfront.net certificate, whose minimum protocol cannot be raised; pass domainName for a TLS 1.2+ policy on the ALB.",
      },
      {
        scope: entry.distribution,
        rule: 'CFR1',
        reason:
          'The dashboard is for staff wherever they travel; sign-in (Cognito) and WAF, not geography, decide who gets in.',
      },
    );
  } else {
    findings.push({
      scope: entry.loadBalancer.connections.securityGroups[0]!,
      rule: 'EC23',
      reason:
        'With a custom domain the internet-facing ALB is the entry point, so HTTPS (and the HTTP redirect) is open to all; WAF rate-limits and filters every request before it reaches a task.',
    });
  }
  return findings;
}
