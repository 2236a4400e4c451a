import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { feedReadBudgetTable } from '@/lib/resources';
import { physicalName, type StageConfig } from './config';

/**
 * The live feed's shared GetRecords budget (lib/feed): one item per shard and wall-clock second,
 * counted with a conditional UpdateItem, so every dashboard task together stays within Kinesis's
 * 5 reads/s per shard. Items expire by TTL; nothing here is worth a backup.
 */
export class FeedReadBudget extends Construct {
  readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      tableName: physicalName(config.stage, feedReadBudgetTable.name),
      partitionKey: { name: feedReadBudgetTable.partitionKey.name, type: dynamodb.AttributeType.STRING },
      timeToLiveAttribute: feedReadBudgetTable.timeToLiveAttribute,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Counters for the current second only: a restore would bring back nothing of use.
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
  }
}
