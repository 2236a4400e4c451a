import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as route53Targets from 'aws-cdk-lib/aws-route53-targets';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { HostingConfig } from './config';
import { EdgeProtection } from './edge-protection';

export type DashboardEntryProps = {
  stage: string;
  hosting: HostingConfig;
  /** The stack's server-access-log bucket: ALB access logs and VPC flow logs go under their own prefixes. */
  accessLogs: s3.IBucket;
  /** Where a CloudFront web ACL is created: this stack in us-east-1, else a us-east-1 companion stack. */
  edgeScope: Construct;
};

/** The load balancer's idle timeout: well past the feed's 15 s heartbeat, so SSE streams stay open. */
export const ALB_IDLE_TIMEOUT = Duration.seconds(120);
/** CloudFront's origin read timeout applies between bytes too; 60 s is four heartbeats. */
export const ORIGIN_READ_TIMEOUT = Duration.seconds(60);
/** Where the dashboard's container listens (the Dockerfile's PORT). */
export const APP_PORT = 3000;
export const STATIC_ASSETS_PATH = '/_next/static/*';
/** The dashboard VPC's range, a literal so the ALB's ingress rule can name it. */
export const VPC_CIDR = '10.40.0.0/16';

/**
 * How people reach the dashboard, HTTPS only:
 * - with `domainName`: an internet-facing ALB with an ACM certificate (DNS-validated in the given
 *   zone), HTTP redirected to HTTPS, a regional WAF web ACL and a Route 53 alias;
 * - without: CloudFront with its default `*.cloudfront.net` certificate, HTTP redirected to HTTPS,
 *   a CloudFront WAF web ACL, and an *internal* ALB reached only through a CloudFront VPC origin,
 *   so nothing but CloudFront (and the VPC itself) can talk to the load balancer.
 */
export class DashboardEntry extends Construct {
  readonly vpc: ec2.Vpc;
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  /** The listener the service's target group is attached to. */
  readonly listener: elbv2.ApplicationListener;
  readonly protection: EdgeProtection;
  readonly distribution: cloudfront.Distribution | undefined;
  readonly certificate: acm.Certificate | undefined;
  /** `https://…` without a trailing slash: APP_URL, and Cognito's callback and sign-out base. */
  readonly url: string;

  constructor(scope: Construct, id: string, props: DashboardEntryProps) {
    super(scope, id);
    const { hosting, accessLogs } = props;
    const domain = hosting.domain;

    this.vpc = new ec2.Vpc(this, 'Vpc', {
      ipAddresses: ec2.IpAddresses.cidr(VPC_CIDR),
      maxAzs: 2,
      // One NAT gateway: the tasks reach Cognito and AWS APIs through it. A second (~$33/month)
      // would only matter when an AZ fails, and the other AZ's tasks keep serving then.
      natGateways: 1,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ],
      // Free gateway endpoints keep S3 and DynamoDB traffic off the NAT gateway's per-GB charge.
      gatewayEndpoints: {
        S3: { service: ec2.GatewayVpcEndpointAwsService.S3 },
        DynamoDB: { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB },
      },
      flowLogs: {
        all: {
          destination: ec2.FlowLogDestination.toS3(accessLogs, 'vpc-flow-logs/'),
          trafficType: ec2.FlowLogTrafficType.ALL,
        },
      },
    });

    const securityGroup = new ec2.SecurityGroup(this, 'LoadBalancerSecurityGroup', {
      vpc: this.vpc,
      allowAllOutbound: false,
      description: domain
        ? 'Dashboard ALB: HTTPS (and the HTTP redirect) from anywhere; WAF filters it'
        : 'Dashboard ALB: HTTP from inside the VPC only, where the CloudFront VPC origin connects',
    });
    this.loadBalancer = new elbv2.ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc: this.vpc,
      internetFacing: domain !== undefined,
      vpcSubnets: { subnetType: domain ? ec2.SubnetType.PUBLIC : ec2.SubnetType.PRIVATE_WITH_EGRESS },
      securityGroup,
      idleTimeout: ALB_IDLE_TIMEOUT,
      dropInvalidHeaderFields: true,
      deletionProtection: false,
    });
    this.loadBalancer.logAccessLogs(accessLogs, 'dashboard-alb');

    if (domain) {
      const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', {
        hostedZoneId: domain.hostedZoneId,
        zoneName: domain.hostedZoneName,
      });
      this.certificate = new acm.Certificate(this, 'Certificate', {
        domainName: domain.name,
        validation: acm.CertificateValidation.fromDns(zone),
      });
      this.listener = this.loadBalancer.addListener('Https', {
        port: 443,
        protocol: elbv2.ApplicationProtocol.HTTPS,
        certificates: [this.certificate],
        sslPolicy: elbv2.SslPolicy.RECOMMENDED_TLS,
        open: true,
      });
      this.loadBalancer.addRedirect({ sourcePort: 80, targetPort: 443 });
      this.protection = new EdgeProtection(this, 'Protection', {
        stage: props.stage,
        scope: 'REGIONAL',
        rateLimitPer5Min: hosting.rateLimitPer5Min,
      });
      new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', {
        resourceArn: this.loadBalancer.loadBalancerArn,
        webAclArn: this.protection.webAcl.attrArn,
      });
      new route53.ARecord(this, 'Alias', {
        zone,
        recordName: domain.name,
        target: route53.RecordTarget.fromAlias(new route53Targets.LoadBalancerTarget(this.loadBalancer)),
      });
      this.distribution = undefined;
      this.url = `https://${domain.name}`;
      return;
    }

    // CloudFront's VPC origin connects from ENIs it places in the ALB's subnets.
    securityGroup.addIngressRule(ec2.Peer.ipv4(VPC_CIDR), ec2.Port.tcp(80), 'CloudFront VPC origin');
    this.listener = this.loadBalancer.addListener('Http', {
      port: 80,
      protocol: elbv2.ApplicationProtocol.HTTP,
      open: false,
    });
    this.protection = new EdgeProtection(props.edgeScope, `DashboardProtection-${props.stage}`, {
      stage: props.stage,
      scope: 'CLOUDFRONT',
      rateLimitPer5Min: hosting.rateLimitPer5Min,
    });
    const edgeLogs = new s3.Bucket(this, 'EdgeLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront's standard logs are delivered with an ACL grant, so this bucket needs ACLs on.
      objectOwnership: s3.ObjectOwnership.OBJECT_WRITER,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'dashboard-edge-logs/',
      lifecycleRules: [{ id: 'expire-edge-logs', expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const origin = origins.VpcOrigin.withApplicationLoadBalancer(this.loadBalancer, {
      // Inside AWS's network from CloudFront to the VPC; the ALB has no certificate without a domain.
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY,
      httpPort: 80,
      readTimeout: ORIGIN_READ_TIMEOUT,
      keepaliveTimeout: ORIGIN_READ_TIMEOUT,
    });
    // Pages and the API are per user and never cached: the app marks them no-store. The policy
    // exists to forward Authorization (Bearer tokens), which no origin request policy can.
    const dynamicPolicy = new cloudfront.CachePolicy(this, 'DynamicPolicy', {
      comment: 'Dashboard pages and API: forwards Authorization; the origin sends no-store',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
      cookieBehavior: cloudfront.CacheCookieBehavior.all(),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Sales CDC dashboard (${props.stage})`,
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: dynamicPolicy,
        // Every header including Host: sign-in and the same-origin check compare it with APP_URL.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER,
        // Compression would buffer the live feed's event stream; Next compresses pages itself.
        compress: false,
      },
      additionalBehaviors: {
        // Content-hashed build assets: safe to cache at the edge for a year.
        [STATIC_ASSETS_PATH]: {
          origin,
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
          compress: true,
        },
      },
      webAclId: this.protection.webAcl.attrArn,
      enableLogging: true,
      logBucket: edgeLogs,
      logFilePrefix: 'dashboard/',
      logIncludesCookies: false,
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.certificate = undefined;
    this.url = `https://${this.distribution.distributionDomainName}`;
  }
}
