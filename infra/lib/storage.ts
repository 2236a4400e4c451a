import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { athenaResultsBucket, changeLogBucket } from '@/lib/resources';
import type { StageConfig } from './config';

/** The top-level folder of the error prefix (`errors/!{firehose:error-output-type}/…`). */
export const ERROR_FOLDER = changeLogBucket.errorPrefix.slice(
  0,
  changeLogBucket.errorPrefix.indexOf('/') + 1,
);

/**
 * The three buckets: the change log Firehose writes and Athena reads, Athena's query results, and
 * the server access logs of both. All SSE-S3, SSL only, no public access. Buckets are retained on
 * stack deletion (CloudFormation cannot delete a non-empty bucket); README shows how to empty them.
 */
export class PipelineStorage extends Construct {
  readonly accessLogs: s3.Bucket;
  readonly changeLog: s3.Bucket;
  readonly athenaResults: s3.Bucket;

  constructor(scope: Construct, id: string, config: StageConfig) {
    super(scope, id);
    const { account, region } = Stack.of(this);
    const secure = {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    } as const;
    const abortUploads = { abortIncompleteMultipartUploadAfter: Duration.days(1) };

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...secure,
      // The S3 logging service writes with bucket-owner-enforced ownership via a bucket policy CDK adds.
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(90), ...abortUploads }],
    });

    this.changeLog = new s3.Bucket(this, 'ChangeLog', {
      ...secure,
      bucketName: `${changeLogBucket.name}-${config.stage}-${account}-${region}`,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: `${changeLogBucket.name}/`,
      lifecycleRules: [
        { id: 'expire-errors', prefix: ERROR_FOLDER, expiration: Duration.days(30), ...abortUploads },
        ...(config.changeLogRetentionDays > 0
          ? [
              {
                id: 'expire-change-log',
                prefix: changeLogBucket.tablePrefix,
                expiration: Duration.days(config.changeLogRetentionDays),
              },
              {
                id: 'expire-legacy-change-log',
                prefix: changeLogBucket.legacyTablePrefix,
                expiration: Duration.days(config.changeLogRetentionDays),
              },
            ]
          : []),
        { id: 'abort-incomplete-uploads', ...abortUploads },
      ],
    });

    this.athenaResults = new s3.Bucket(this, 'AthenaResults', {
      ...secure,
      bucketName: `${athenaResultsBucket.name}-${config.stage}-${account}-${region}`,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: `${athenaResultsBucket.name}/`,
      lifecycleRules: [
        {
          id: 'expire-results',
          prefix: athenaResultsBucket.prefix,
          expiration: Duration.days(7),
          ...abortUploads,
        },
      ],
    });
  }
}
