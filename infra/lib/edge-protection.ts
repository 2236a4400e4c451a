import { ArnFormat, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { physicalName } from './config';

export type EdgeProtectionProps = {
  stage: string;
  /** CLOUDFRONT for a distribution (the web ACL must then live in us-east-1), REGIONAL for an ALB. */
  scope: 'CLOUDFRONT' | 'REGIONAL';
  /** Requests one client IP may make in 5 minutes. */
  rateLimitPer5Min: number;
};

/** AWS's managed rule groups, in the order WAF evaluates them (after the rate limit). */
export const MANAGED_RULE_GROUPS = [
  'AWSManagedRulesCommonRuleSet',
  'AWSManagedRulesKnownBadInputsRuleSet',
] as const;

/** Build output the rate limit does not count (Next's `/_next/static/`). */
export const STATIC_PREFIX = '/_next/static/';

/** Headers WAF must never write to its logs: they carry the session cookie and Bearer tokens. */
export const REDACTED_HEADERS = ['authorization', 'cookie'] as const;

/**
 * The web ACL on the dashboard's entry point: a per-IP rate limit first, then AWS's common rule
 * set and known-bad-inputs set. Logs go to a CloudWatch log group (WAF requires the `aws-waf-logs-`
 * name), with the credential headers redacted.
 */
export class EdgeProtection extends Construct {
  readonly webAcl: wafv2.CfnWebACL;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: EdgeProtectionProps) {
    super(scope, id);
    const name = physicalName(props.stage, 'dashboard');
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      sampledRequestsEnabled: true,
      metricName,
    });

    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name,
      scope: props.scope,
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rules: [
        {
          name: 'rate-limit-per-ip',
          priority: 0,
          statement: {
            rateBasedStatement: {
              limit: props.rateLimitPer5Min,
              aggregateKeyType: 'IP',
              evaluationWindowSec: 300,
              // A page load fetches dozens of content-hashed build files; only pages and the API
              // count, so a team behind one office IP is not blocked for browsing.
              scopeDownStatement: {
                notStatement: {
                  statement: {
                    byteMatchStatement: {
                      fieldToMatch: { uriPath: {} },
                      positionalConstraint: 'STARTS_WITH',
                      searchString: STATIC_PREFIX,
                      textTransformations: [{ priority: 0, type: 'NONE' }],
                    },
                  },
                },
              },
            },
          },
          // 429 tells a script to back off; the browser shows it like any other API error.
          action: { block: { customResponse: { responseCode: 429 } } },
          visibilityConfig: visibility(`${name}-rate-limit`),
        },
        ...MANAGED_RULE_GROUPS.map((group, index) => ({
          name: group,
          priority: index + 1,
          overrideAction: { none: {} },
          statement: {
            managedRuleGroupStatement: {
              vendorName: 'AWS',
              name: group,
              // The API takes JSON bodies up to 2 MiB (long saved SQL) and checks their size itself;
              // the common set's 8 KB body rule would block those, so it only counts.
              ...(group === 'AWSManagedRulesCommonRuleSet'
                ? { ruleActionOverrides: [{ name: 'SizeRestrictions_BODY', actionToUse: { count: {} } }] }
                : {}),
            },
          },
          visibilityConfig: visibility(`${name}-${group}`),
        })),
      ],
    });

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      logGroupName: `aws-waf-logs-${name}`,
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new wafv2.CfnLoggingConfiguration(this, 'Logging', {
      resourceArn: this.webAcl.attrArn,
      // WAF wants the log group's ARN without the `:*` that LogGroup.logGroupArn ends in.
      logDestinationConfigs: [
        Stack.of(this).formatArn({
          service: 'logs',
          resource: 'log-group',
          resourceName: this.logGroup.logGroupName,
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ],
      redactedFields: REDACTED_HEADERS.map((header) => ({ singleHeader: { Name: header } })),
    });
  }
}
