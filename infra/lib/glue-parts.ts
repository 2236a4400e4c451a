import type { Stack } from 'aws-cdk-lib';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';

/** A Hive type from lib/ as a Glue column type (complex types are not primitive). */
export const glueType = (type: string): glue.Type => glue.Schema.custom(type, !/[<>]/.test(type));

/** What every crawler role needs: Glue writes one log stream per run into /aws-glue/crawlers. */
export function crawlerLogsStatement(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    sid: 'CrawlerLogs',
    actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [`arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:/aws-glue/crawlers:*`],
  });
}
