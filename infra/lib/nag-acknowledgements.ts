import { Stack, Token, Validations } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { IConstruct } from 'constructs';
import { changeLogBucket } from '@/lib/resources';
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
  storage: { changeLog: s3.IBucket; accessLogs: IConstruct };
  identity: { userPool: IConstruct; mfaRequired: boolean };
};

export function acknowledgeFindings(stack: Stackish): Acknowledgement[] {
  const { capture, delivery, analytics, storage, identity } = stack;
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
  ];
  if (!identity.mfaRequired) {
    list.push({
      scope: identity.userPool,
      rule: 'COG2',
      reason:
        'MFA is optional by default (TOTP only, -c mfa=required makes it mandatory): users are created by an admin only, passwords are 12+ characters of every class, and Plus threat protection blocks risky and compromised-credential sign-ins, so a stage can roll MFA out before enforcing it.',
    });
  }
  for (const { scope, rule, reason } of list) Validations.of(scope).acknowledge({ id: nagId(rule), reason });
  return list.map(({ scope, rule, reason }) => ({
    path: scope.node.path,
    rule: `AwsSolutions-${rule}`,
    reason,
  }));
}
