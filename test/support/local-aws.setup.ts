import { inject } from 'vitest';
import { setAthenaClient } from '@/lib/aws/athena';
import { setDynamoDbClient } from '@/lib/aws/dynamodb';
import { setDynamoDbStreamsClient } from '@/lib/aws/dynamodb-streams';
import { setS3Client } from '@/lib/aws/s3';
import { setSqsClient } from '@/lib/aws/sqs';
import { setKinesisClient } from '@/lib/aws/kinesis';
import { resetIssuer } from '@/lib/auth/issuer';
import { resetConfig } from '@/lib/config';

// Runs before each integration file, before any lib module reads its config.
for (const name of Object.keys(process.env)) {
  if (name.startsWith('AWS_ENDPOINT_URL') || name === 'AWS_PROFILE') delete process.env[name];
}
Object.assign(process.env, inject('localAwsEnv'));
resetConfig();
resetIssuer();
setDynamoDbClient(undefined);
setKinesisClient(undefined);
setS3Client(undefined);
setSqsClient(undefined);
setDynamoDbStreamsClient(undefined);
setAthenaClient(undefined);
