import { App, Stack, Token, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SalesCdcStack } from './cdc-stack';
import { readStageConfig, type StageConfig } from './config';

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
  const given = env ?? { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION };
  // The hosted dashboard needs a region at synth (ALB log delivery is per region). `cdk deploy`
  // always passes one; an offline synth with no AWS config at all builds for us-east-1.
  const stackEnv = { ...given, region: given.region ?? (config.hosting ? OFFLINE_SYNTH_REGION : undefined) };
  const edgeStack = needsEdgeStack(config, stackEnv.region)
    ? new Stack(app, `SalesCdc-${config.stage}-edge`, {
        env: { account: stackEnv.account, region: CLOUDFRONT_WAF_REGION },
        crossRegionReferences: true,
        description: `Sales CDC dashboard (${config.stage}): the CloudFront web ACL, which WAF keeps in ${CLOUDFRONT_WAF_REGION}`,
      })
    : undefined;
  const stack = new SalesCdcStack(app, `SalesCdc-${config.stage}`, {
    config,
    edgeStack,
    crossRegionReferences: edgeStack !== undefined,
    env: stackEnv,
    description: `Sales orders CDC pipeline (${config.stage}): DynamoDB → Pipe → Kinesis → Firehose → S3 → Glue → Athena`,
  });
  if (nag) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, stack, edgeStack, config };
}

/** The region an offline `npm run synth` with no AWS configuration builds the hosted stack for. */
export const OFFLINE_SYNTH_REGION = 'us-east-1';

/** WAF keeps every web ACL for CloudFront in us-east-1, whatever region the distribution's origin is in. */
export const CLOUDFRONT_WAF_REGION = 'us-east-1';

/** A CloudFront entry (no custom domain) outside us-east-1 needs its web ACL in a us-east-1 stack. */
function needsEdgeStack(config: StageConfig, region: string | undefined): boolean {
  if (!config.hosting || config.hosting.domain) return false;
  return region !== undefined && !Token.isUnresolved(region) && region !== CLOUDFRONT_WAF_REGION;
}
