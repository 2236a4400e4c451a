import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Stack, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_QUERY_TIMEOUT_MS } from '@/lib/api/timeouts';
import { HEARTBEAT_MS } from '@/lib/feed/sse';
import { catalog, changeLogBucket, ordersTable } from '@/lib/resources';
import { buildApp, CLOUDFRONT_WAF_REGION, OFFLINE_SYNTH_REGION } from '../lib/app';
import type { SalesCdcStack } from '../lib/cdc-stack';
import { ALB_IDLE_TIMEOUT, ORIGIN_READ_TIMEOUT, STATIC_ASSETS_PATH } from '../lib/dashboard-entry';
import { DEREGISTRATION_DELAY, LIVENESS_PATH, STOP_TIMEOUT } from '../lib/dashboard-service';
import { MANAGED_RULE_GROUPS, REDACTED_HEADERS, STATIC_PREFIX } from '../lib/edge-protection';
import { OUTPUT_ENV } from '../lib/outputs';

// Template JSON is untyped; the assertions below are what check its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
type Resource = { Type: string; Properties: Record<string, Json> };

const account = '123456789012';
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function synth(region: string | undefined, context: Record<string, unknown> = {}) {
  const outdir = mkdtempSync(path.join(tmpdir(), 'sales-cdc-hosting-'));
  outdirs.push(outdir);
  const built = buildApp({ nag: false, outdir, env: region ? { account, region } : {}, context });
  const assembly = built.app.synth();
  return { ...built, assembly, outdir, template: Template.fromStack(built.stack) };
}

const resourcesOf = (template: Template) => template.toJSON().Resources as Record<string, Resource>;
const ofType = (template: Template, type: string) =>
  Object.values(resourcesOf(template)).filter((r) => r.Type === type);
const only = (template: Template, type: string) => {
  const found = ofType(template, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const idOf = (construct: IConstruct) =>
  Stack.of(construct).getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
const attribute = (lb: Resource, key: string) =>
  (lb.Properties.LoadBalancerAttributes as { Key: string; Value: string }[]).find((a) => a.Key === key)
    ?.Value;

describe('hosted dashboard behind CloudFront (no custom domain), stack outside us-east-1', () => {
  let built: ReturnType<typeof synth>;
  let template: Template;
  let stack: SalesCdcStack;
  let container: Json;

  beforeAll(() => {
    built = synth('eu-west-1');
    ({ template, stack } = built);
    container = only(template, 'AWS::ECS::TaskDefinition').Properties.ContainerDefinitions[0];
  });

  it('runs at least two arm64 Fargate tasks in private subnets of two AZs, rolling back failed deployments', () => {
    const service = only(template, 'AWS::ECS::Service').Properties;
    expect(service).toMatchObject({
      LaunchType: 'FARGATE',
      DesiredCount: 2,
      DeploymentConfiguration: {
        MinimumHealthyPercent: 100,
        MaximumPercent: 200,
        DeploymentCircuitBreaker: { Enable: true, Rollback: true },
      },
      NetworkConfiguration: { AwsvpcConfiguration: { AssignPublicIp: 'DISABLED' } },
    });
    const subnets = service.NetworkConfiguration.AwsvpcConfiguration.Subnets as Json[];
    expect(subnets).toHaveLength(2);
    const privateSubnets = stack.dashboardEntry!.vpc.privateSubnets;
    expect(subnets).toEqual(privateSubnets.map((s) => ({ Ref: idOf(s) })));
    expect(new Set(privateSubnets.map((s) => s.availabilityZone)).size).toBe(2);
    expect(only(template, 'AWS::ECS::TaskDefinition').Properties).toMatchObject({
      RequiresCompatibilities: ['FARGATE'],
      RuntimePlatform: { CpuArchitecture: 'ARM64', OperatingSystemFamily: 'LINUX' },
    });
  });

  it('scales on CPU between the configured task counts', () => {
    expect(only(template, 'AWS::ApplicationAutoScaling::ScalableTarget').Properties).toMatchObject({
      MinCapacity: 2,
      MaxCapacity: 4,
    });
    expect(only(template, 'AWS::ApplicationAutoScaling::ScalingPolicy').Properties).toMatchObject({
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
        TargetValue: 60,
      },
    });
  });

  it('checks the data-free liveness route and drains a stopping task before SIGTERM', () => {
    const group = only(template, 'AWS::ElasticLoadBalancingV2::TargetGroup').Properties;
    expect(group).toMatchObject({
      HealthCheckPath: LIVENESS_PATH,
      Port: 3000,
      TargetType: 'ip',
      Matcher: { HttpCode: '200' },
    });
    expect(group.TargetGroupAttributes).toContainEqual({
      Key: 'deregistration_delay.timeout_seconds',
      Value: String(DEREGISTRATION_DELAY.toSeconds()),
    });
    // Requests in flight (a route waits at most ROUTE_QUERY_TIMEOUT_MS on Athena) finish before the ALB lets go.
    expect(DEREGISTRATION_DELAY.toMilliseconds()).toBeGreaterThan(ROUTE_QUERY_TIMEOUT_MS + 10_000);
    expect(container.StopTimeout).toBe(STOP_TIMEOUT.toSeconds());
  });

  it('logs to CloudWatch with a retention', () => {
    expect(container.LogConfiguration).toMatchObject({ LogDriver: 'awslogs' });
    const groupId = container.LogConfiguration.Options['awslogs-group'].Ref;
    expect(resourcesOf(template)[groupId]!.Properties).toMatchObject({
      LogGroupName: '/ecs/dev-dashboard',
      RetentionInDays: 90,
    });
  });

  it('runs the image built from the repo Dockerfile for linux/arm64, staged at synth and built at deploy', () => {
    const manifest = JSON.parse(readFileSync(path.join(built.outdir, 'SalesCdc-dev.assets.json'), 'utf8'));
    const images = Object.values(manifest.dockerImages) as Json[];
    expect(images).toHaveLength(1);
    expect(images[0].source).toMatchObject({ dockerFile: 'Dockerfile', platform: 'linux/arm64' });
    const staged = path.join(built.outdir, images[0].source.directory);
    for (const needed of [
      'Dockerfile',
      'package.json',
      'package-lock.json',
      'next.config.js',
      'app',
      'lib',
      'public',
    ]) {
      expect(existsSync(path.join(staged, needed)), needed).toBe(true);
    }
    for (const excluded of ['node_modules', '.next', '.data', 'cdk.out', '.git']) {
      expect(existsSync(path.join(staged, excluded)), excluded).toBe(false);
    }
  });

  it('sets the same env names the app reads locally, and takes the session key from Secrets Manager', () => {
    const names = (container.Environment as { Name: string }[]).map((e) => e.Name);
    for (const name of Object.values(OUTPUT_ENV)) expect(names).toContain(name);
    expect(names).not.toContain('SESSION_SECRET');
    expect(names.filter((n) => /SECRET|PASSWORD|TOKEN/.test(n))).toEqual([]);
    const secret = only(template, 'AWS::SecretsManager::Secret').Properties;
    expect(secret.GenerateSecretString).toMatchObject({ PasswordLength: 64, ExcludePunctuation: true });
    expect(secret.SecretString).toBeUndefined();
    expect(container.Secrets).toEqual([
      { Name: 'SESSION_SECRET', ValueFrom: { Ref: idOf(stack.dashboard!.sessionSecret) } },
    ]);
  });

  it('serves HTTPS only through CloudFront, redirecting HTTP, with timeouts past the feed heartbeat', () => {
    const config = only(template, 'AWS::CloudFront::Distribution').Properties.DistributionConfig;
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      Compress: false,
    });
    expect(config.CacheBehaviors).toEqual([
      expect.objectContaining({ PathPattern: STATIC_ASSETS_PATH, ViewerProtocolPolicy: 'redirect-to-https' }),
    ]);
    expect(config.Origins[0].VpcOriginConfig).toMatchObject({
      OriginReadTimeout: ORIGIN_READ_TIMEOUT.toSeconds(),
      OriginKeepaliveTimeout: ORIGIN_READ_TIMEOUT.toSeconds(),
    });
    expect(ORIGIN_READ_TIMEOUT.toMilliseconds()).toBeGreaterThan(HEARTBEAT_MS * 2);
    // A slow Athena query gets the app's own timeout error, not CloudFront's bare 504.
    expect(ORIGIN_READ_TIMEOUT.toMilliseconds()).toBeGreaterThan(ROUTE_QUERY_TIMEOUT_MS + 10_000);
    expect(ALB_IDLE_TIMEOUT.toMilliseconds()).toBeGreaterThan(HEARTBEAT_MS * 2);
    expect(config.Logging).toMatchObject({ IncludeCookies: false, Prefix: 'dashboard/' });
    expect(only(template, 'AWS::CloudFront::VpcOrigin').Properties.VpcOriginEndpointConfig).toMatchObject({
      OriginProtocolPolicy: 'http-only',
      HTTPPort: 80,
    });
  });

  it("keeps Node's keep-alive longer than the ALB's idle timeout, so the ALB closes idle connections first", () => {
    const dockerfile = readFileSync(path.join(import.meta.dirname, '..', '..', 'Dockerfile'), 'utf8');
    const keepAlive = Number(/KEEP_ALIVE_TIMEOUT=(\d+)/.exec(dockerfile)?.[1]);
    expect(keepAlive).toBeGreaterThan(ALB_IDLE_TIMEOUT.toMilliseconds());
  });

  it('keeps the load balancer internal, reachable only from inside the VPC, with access logs', () => {
    const lb = only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer');
    expect(lb.Properties.Scheme).toBe('internal');
    expect(attribute(lb, 'idle_timeout.timeout_seconds')).toBe(String(ALB_IDLE_TIMEOUT.toSeconds()));
    expect(attribute(lb, 'access_logs.s3.enabled')).toBe('true');
    expect(attribute(lb, 'routing.http.drop_invalid_header_fields.enabled')).toBe('true');
    const groupId = idOf(stack.dashboardEntry!.loadBalancer.connections.securityGroups[0]!);
    const ingress = resourcesOf(template)[groupId]!.Properties.SecurityGroupIngress;
    expect(ingress).toEqual([expect.objectContaining({ CidrIp: '10.40.0.0/16', FromPort: 80, ToPort: 80 })]);
    expect(only(template, 'AWS::ElasticLoadBalancingV2::Listener').Properties).toMatchObject({
      Port: 80,
      Protocol: 'HTTP',
    });
  });

  it('puts the CloudFront web ACL in a us-east-1 stack: rate limit, common rule set, known bad inputs, redacted logs', () => {
    expect(built.edgeStack?.region).toBe(CLOUDFRONT_WAF_REGION);
    const edge = Template.fromStack(built.edgeStack!);
    const acl = only(edge, 'AWS::WAFv2::WebACL').Properties;
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.Rules[0]).toMatchObject({
      Statement: {
        RateBasedStatement: {
          Limit: 3000,
          AggregateKeyType: 'IP',
          ScopeDownStatement: {
            NotStatement: {
              Statement: {
                ByteMatchStatement: { SearchString: STATIC_PREFIX, PositionalConstraint: 'STARTS_WITH' },
              },
            },
          },
        },
      },
      Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
    });
    expect(acl.Rules.slice(1).map((r: Json) => r.Statement.ManagedRuleGroupStatement.Name)).toEqual([
      ...MANAGED_RULE_GROUPS,
    ]);
    expect(only(edge, 'AWS::WAFv2::LoggingConfiguration').Properties.RedactedFields).toEqual(
      REDACTED_HEADERS.map((Name) => ({ SingleHeader: { Name } })),
    );
    expect(only(edge, 'AWS::Logs::LogGroup').Properties.LogGroupName).toBe('aws-waf-logs-dev-dashboard');
    // The distribution reads the ACL's ARN across regions.
    const webAclId = only(template, 'AWS::CloudFront::Distribution').Properties.DistributionConfig.WebACLId;
    expect(JSON.stringify(webAclId)).toContain('WebAcl');
  });

  it('wires Cognito to the distribution: callback and sign-out URLs, and APP_URL', () => {
    const domain = { 'Fn::GetAtt': [idOf(stack.dashboardEntry!.distribution!), 'DomainName'] };
    const url = (suffix: string) => ({ 'Fn::Join': ['', ['https://', domain, suffix]] });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: [url('/auth/callback'), 'http://localhost:3000/auth/callback'],
      LogoutURLs: [url('/signed-out'), 'http://localhost:3000/signed-out'],
    });
    expect(container.Environment).toContainEqual({
      Name: 'APP_URL',
      Value: { 'Fn::Join': ['', ['https://', domain]] },
    });
  });

  it('gives the task role exactly the actions the routes call, on these resources only', () => {
    const policy = ofType(template, 'AWS::IAM::Policy').find((p) =>
      p.Properties.Roles.some((r: Json) => r.Ref === idOf(stack.dashboard!.taskDefinition.taskRole)),
    )!;
    const statements = policy.Properties.PolicyDocument.Statement as {
      Sid: string;
      Action: string | string[];
      Resource: Json;
    }[];
    const actions = Object.fromEntries(statements.map((s) => [s.Sid, [s.Action].flat().sort()]));
    expect(actions).toEqual({
      OrdersTable: [
        'dynamodb:DeleteItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ],
      OrdersTableStream: ['dynamodb:DescribeStream'],
      QueryNameClaims: ['dynamodb:DeleteItem', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      FeedReadBudget: ['dynamodb:UpdateItem'],
      ChangeStreamRead: ['kinesis:GetRecords', 'kinesis:GetShardIterator', 'kinesis:ListShards'],
      AthenaWorkGroup: [
        'athena:BatchGetNamedQuery',
        'athena:BatchGetQueryExecution',
        'athena:CreateNamedQuery',
        'athena:DeleteNamedQuery',
        'athena:GetNamedQuery',
        'athena:GetQueryExecution',
        'athena:GetQueryResults',
        'athena:GetWorkGroup',
        'athena:ListNamedQueries',
        'athena:ListQueryExecutions',
        'athena:StartQueryExecution',
        'athena:StopQueryExecution',
        'athena:UpdateNamedQuery',
      ],
      AthenaCatalog: ['athena:ListTableMetadata'],
      GlueCatalogRead: [
        'glue:GetDatabase',
        'glue:GetPartition',
        'glue:GetPartitions',
        'glue:GetTable',
        'glue:GetTables',
      ],
      ChangeLogList: ['s3:GetBucketLocation', 's3:ListBucket'],
      ChangeLogRead: ['s3:GetObject'],
      AthenaResultsList: ['s3:GetBucketLocation', 's3:ListBucket'],
      AthenaResultsWrite: [
        's3:AbortMultipartUpload',
        's3:GetObject',
        's3:ListMultipartUploadParts',
        's3:PutObject',
      ],
      PipeDeadLetterPeek: ['sqs:GetQueueAttributes', 'sqs:ReceiveMessage'],
    });
    const resources = statements.flatMap((s) => [s.Resource].flat()).map((r) => JSON.stringify(r));
    expect(resources).not.toContain('"*"');
    const sid = (name: string) => statements.find((s) => s.Sid === name)!;
    const ordersArn = { 'Fn::GetAtt': [idOf(stack.capture.table), 'Arn'] };
    expect(sid('OrdersTable').Resource).toEqual([
      ordersArn,
      ...ordersTable.indexes.map((index) => ({ 'Fn::Join': ['', [ordersArn, `/index/${index.name}`]] })),
    ]);
    expect(sid('FeedReadBudget').Resource).toEqual({
      'Fn::GetAtt': [idOf(stack.feedReadBudget.table), 'Arn'],
    });
    expect(sid('ChangeStreamRead').Resource).toEqual({ 'Fn::GetAtt': [idOf(stack.capture.stream), 'Arn'] });
    expect(JSON.stringify(sid('GlueCatalogRead').Resource)).toContain(`table/${catalog.database}/*`);
    // Both change-log prefixes (order_changes and order_changes_v1) and the error prefix, nothing else.
    const read = JSON.stringify(sid('ChangeLogRead').Resource);
    expect(read).toContain(`/${changeLogBucket.tablePrefix}*`);
    expect(read).toContain(`/${changeLogBucket.legacyTablePrefix}*`);
    expect([sid('ChangeLogRead').Resource].flat()).toHaveLength(3);
    expect(JSON.stringify(sid('AthenaWorkGroup').Resource)).toContain(idOf(stack.analytics.workGroup));
  });

  it('outputs the URL, the user pool, the first admin steps and the secret ARN (never a value)', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: Json }>;
    expect(outputs.DashboardUrl!.Value).toEqual({
      'Fn::Join': [
        '',
        ['https://', { 'Fn::GetAtt': [idOf(stack.dashboardEntry!.distribution!), 'DomainName'] }],
      ],
    });
    expect(outputs.UserPoolId!.Value).toEqual({ Ref: idOf(stack.identity.userPool) });
    const steps = JSON.stringify(outputs.FirstAdminSteps!.Value);
    expect(steps).toContain('aws cognito-idp admin-create-user --region eu-west-1 --user-pool-id ');
    expect(steps).toContain('admin-add-user-to-group');
    expect(steps).toContain('--group-name admin');
    expect(outputs.DashboardClusterName!.Value).toEqual({ Ref: idOf(stack.dashboard!.cluster) });
    expect(outputs.DashboardServiceName!.Value).toEqual({
      'Fn::GetAtt': [idOf(stack.dashboard!.service), 'Name'],
    });
    expect(outputs.SessionSecretArn!.Value).toEqual({ Ref: idOf(stack.dashboard!.sessionSecret) });
  });

  it('sends every alarm, the dashboard ones included, to the encrypted alarm topic', () => {
    const alarms = ofType(template, 'AWS::CloudWatch::Alarm');
    expect(alarms.length).toBe(7);
    const topic = { Ref: idOf(stack.alarmTopic.topic) };
    for (const alarm of alarms) {
      expect(alarm.Properties.AlarmActions).toEqual([topic]);
      expect(alarm.Properties.OKActions).toEqual([topic]);
    }
    const descriptions = alarms.map((a) => a.Properties.AlarmDescription as string);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/5xx/),
        expect.stringMatching(/3 s/),
        expect.stringMatching(/liveness/),
      ]),
    );
    expect(only(template, 'AWS::SNS::Topic').Properties.KmsMasterKeyId).toEqual({
      'Fn::GetAtt': [idOf(stack.alarmTopic.key), 'Arn'],
    });
    expect(ofType(template, 'AWS::SNS::Subscription')).toEqual([]);
  });
});

describe('hosted dashboard in us-east-1', () => {
  it('keeps the CloudFront web ACL in the one stack', () => {
    const { template, edgeStack } = synth('us-east-1', { alarmEmail: 'ops@example.com' });
    expect(edgeStack).toBeUndefined();
    expect(only(template, 'AWS::WAFv2::WebACL').Properties.Scope).toBe('CLOUDFRONT');
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
    });
  });

  it('builds for us-east-1 when synth knows no region at all (offline, no AWS config)', () => {
    const { stack, edgeStack } = synth(undefined);
    expect(stack.region).toBe(OFFLINE_SYNTH_REGION);
    expect(edgeStack).toBeUndefined();
  });
});

describe('hosted dashboard on a custom domain', () => {
  let template: Template;
  let stack: SalesCdcStack;
  beforeAll(() => {
    ({ template, stack } = synth('eu-west-1', {
      domainName: 'sales.example.com',
      hostedZoneId: 'Z0123456789ABC',
      hostedZoneName: 'example.com',
      minTasks: 3,
      maxTasks: 6,
    }));
  });

  it('serves HTTPS on an internet-facing ALB with a DNS-validated certificate, and redirects HTTP', () => {
    expect(ofType(template, 'AWS::CloudFront::Distribution')).toEqual([]);
    expect(only(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer').Properties.Scheme).toBe(
      'internet-facing',
    );
    template.hasResourceProperties('AWS::CertificateManager::Certificate', {
      DomainName: 'sales.example.com',
      ValidationMethod: 'DNS',
      DomainValidationOptions: [{ DomainName: 'sales.example.com', HostedZoneId: 'Z0123456789ABC' }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 443,
      Protocol: 'HTTPS',
      SslPolicy: Match.stringLikeRegexp('TLS13'),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Port: 80,
      DefaultActions: [
        { Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } },
      ],
    });
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'sales.example.com.',
      Type: 'A',
      HostedZoneId: 'Z0123456789ABC',
    });
  });

  it('protects the ALB with a regional web ACL and points Cognito at the domain', () => {
    expect(only(template, 'AWS::WAFv2::WebACL').Properties.Scope).toBe('REGIONAL');
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: idOf(stack.dashboardEntry!.loadBalancer) },
    });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      CallbackURLs: ['https://sales.example.com/auth/callback', 'http://localhost:3000/auth/callback'],
    });
    expect(only(template, 'AWS::ECS::Service').Properties.DesiredCount).toBe(3);
    expect(only(template, 'AWS::ApplicationAutoScaling::ScalableTarget').Properties.MaxCapacity).toBe(6);
  });
});

describe('pipeline only (-c dashboard=false)', () => {
  it('deploys no dashboard, network or edge', () => {
    const { template } = synth('eu-west-1', { dashboard: false });
    for (const type of [
      'AWS::ECS::Service',
      'AWS::EC2::VPC',
      'AWS::CloudFront::Distribution',
      'AWS::WAFv2::WebACL',
    ]) {
      expect(ofType(template, type), type).toEqual([]);
    }
    expect(template.toJSON().Outputs.DashboardUrl).toBeUndefined();
  });
});
