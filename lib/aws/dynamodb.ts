import 'server-only';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getConfig } from '@/lib/config';

let client: DynamoDBDocumentClient | undefined;

/** One document client per process; tests inject their own with setDynamoDbClient(). */
export function getDynamoDbClient(): DynamoDBDocumentClient {
  if (!client) {
    const config = getConfig();
    const base = new DynamoDBClient({
      region: config.region,
      endpoint: config.endpoints.dynamodb,
      maxAttempts: 3,
      // Fail fast when the endpoint is down so the API can answer 503 instead of hanging.
      requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000 },
    });
    client = DynamoDBDocumentClient.from(base, {
      marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
    });
  }
  return client;
}

export function setDynamoDbClient(next: DynamoDBDocumentClient | undefined): void {
  client = next;
}
