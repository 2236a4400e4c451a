import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { queryNamesTable } from '@/lib/resources';
import { physicalName, type StageConfig } from './config';

/**
 * The saved-query name claims (lib/queries/name-claims.ts): one item per name, written with a
 * conditional PutItem before Athena's unconditional CreateNamedQuery, so two saves of one name
 * cannot both succeed. Secured like the orders table; no stream, nothing reads its changes.
 */
export class QueryNames extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: physicalName(config.stage, queryNamesTable.name),
      partitionKey: { name: queryNamesTable.partitionKey.name, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      deletionProtection: config.deletionProtection,
      removalPolicy: config.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
  }
}
