import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SalesCdcStack } from './cdc-stack';
import { readStageConfig } from './config';

/** Feature flags this app relies on, set here so `cdk synth` and the tests build the same thing. */
export const FEATURE_FLAGS = {
  // Access logs are delivered through a bucket policy, not the legacy LogDeliveryWrite ACL.
  '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
} as const;

export type BuildOptions = {
  /** CDK context: stage, shardCount, bufferSizeMiB, … (the CLI passes -c and cdk.json values itself). */
  context?: Record<string, unknown>;
  /** Run cdk-nag's AwsSolutions pack when the app synthesizes. */
  nag?: boolean;
  env?: { account?: string; region?: string };
  /** Where synth writes the cloud assembly (tests use a temporary directory). */
  outdir?: string;
};

/** The CDK app with one stage's stack; bin/app.ts and the tests both start here. */
export function buildApp({ context = {}, nag = true, env, outdir }: BuildOptions = {}) {
  const app = new App({ context: { ...FEATURE_FLAGS, ...context }, outdir });
  const config = readStageConfig((key) => app.node.tryGetContext(key));
  const stack = new SalesCdcStack(app, `SalesCdc-${config.stage}`, {
    config,
    env: env ?? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `Sales orders CDC pipeline (${config.stage}): DynamoDB → Pipe → Kinesis → Firehose → S3 → Glue → Athena`,
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, config };
}
