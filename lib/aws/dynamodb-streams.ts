import 'server-only';
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams';
import { getConfig } from '@/lib/config';

let client: DynamoDBStreamsClient | undefined;

/** One DynamoDB Streams client per process; tests inject their own with setDynamoDbStreamsClient(). */
export function getDynamoDbStreamsClient(): DynamoDBStreamsClient {
  if (!client) {
    const config = getConfig();
    client = new DynamoDBStreamsClient({
      region: config.region,
      endpoint: config.endpoints.dynamodbStreams,
      maxAttempts: 3,
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    });
  }
  return client;
}

export function setDynamoDbStreamsClient(next: DynamoDBStreamsClient | undefined): void {
  client = next;
}
