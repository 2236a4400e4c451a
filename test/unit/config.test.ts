import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '@/lib/config';

describe('parseConfig', () => {
  it('uses the orders table and SDK defaults when nothing is set', () => {
    expect(parseConfig({})).toEqual({
      region: undefined,
      ordersTableName: 'orders',
      queryNamesTableName: 'query-names',
      changeStreamName: 'order-changes',
      changeLogBucket: 'sales-cdc-changes',
      athena: { workGroup: 'primary', database: 'sales_cdc', outputLocation: undefined },
      pipeDeadLetterQueueUrl: undefined,
      feedIdlePollMs: 250,
      feedReadBudgetTableName: undefined,
      feedShardReadsPerSecond: 4,
      endpoints: {
        dynamodb: undefined,
        dynamodbStreams: undefined,
        kinesis: undefined,
        athena: undefined,
        s3: undefined,
        sqs: undefined,
      },
      auth: {
        issuer: undefined,
        clientId: undefined,
        acceptedClientIds: [],
        logoutUrl: undefined,
        scopes: 'openid email profile',
        sessionSecret: undefined,
        appUrl: 'http://localhost:3000',
      },
    });
  });

  it('reads the sign-in settings, accepting the web client and the API clients', () => {
    const { auth } = parseConfig({
      AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc/',
      AUTH_CLIENT_ID: 'web',
      AUTH_API_CLIENT_IDS: 'cli, web ,',
      SESSION_SECRET: 'x'.repeat(32),
      APP_URL: 'https://sales.example.com/',
    });
    expect(auth).toMatchObject({
      issuer: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
      acceptedClientIds: ['web', 'cli'],
      appUrl: 'https://sales.example.com',
    });
  });

  it('refuses a short session secret, naming the variable', () => {
    expect(() => parseConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32 characters/);
  });

  it('applies AWS_ENDPOINT_URL to every service, and a service variable overrides it', () => {
    const config = parseConfig({
      AWS_REGION: 'eu-west-1',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      ORDERS_TABLE_NAME: 'orders-dev',
      QUERY_NAMES_TABLE_NAME: 'dev-query-names',
    });
    expect(config).toMatchObject({
      region: 'eu-west-1',
      ordersTableName: 'orders-dev',
      queryNamesTableName: 'dev-query-names',
      endpoints: {
        dynamodb: 'http://127.0.0.1:8000',
        dynamodbStreams: 'http://127.0.0.1:4566',
        kinesis: 'http://127.0.0.1:4566',
        athena: 'http://127.0.0.1:4566',
        s3: 'http://127.0.0.1:4566',
        sqs: 'http://127.0.0.1:4566',
      },
    });
  });

  it('treats an empty endpoint variable as unset', () => {
    expect(parseConfig({ AWS_ENDPOINT_URL: '' }).endpoints.dynamodb).toBeUndefined();
  });

  it('rejects an endpoint that is not a URL, naming the variable', () => {
    expect(() => parseConfig({ AWS_ENDPOINT_URL_DYNAMODB: 'localhost 8000' })).toThrow(ConfigError);
    expect(() => parseConfig({ AWS_ENDPOINT_URL_DYNAMODB: 'localhost 8000' })).toThrow(
      /AWS_ENDPOINT_URL_DYNAMODB/,
    );
  });

  it.each(['ab', 'orders table', 'orders/prod', 'x'.repeat(256)])('rejects table name %j', (name) => {
    expect(() => parseConfig({ ORDERS_TABLE_NAME: name })).toThrow(
      /ORDERS_TABLE_NAME: must be 3-255 characters/,
    );
  });

  it('reads the deployed stack names and rejects a malformed one', () => {
    const config = parseConfig({
      CHANGE_STREAM_NAME: 'SalesCdc-dev-changes',
      CHANGE_LOG_BUCKET: 'salescdc-dev-changelog-abc123',
      ATHENA_WORKGROUP: 'dev-primary',
      ATHENA_OUTPUT_LOCATION: 's3://salescdc-dev-results/results/',
      PIPE_DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dlq',
    });
    expect(config.changeStreamName).toBe('SalesCdc-dev-changes');
    expect(config.athena.workGroup).toBe('dev-primary');
    expect(config.pipeDeadLetterQueueUrl).toContain('sqs.');
    expect(() => parseConfig({ ATHENA_OUTPUT_LOCATION: 'results/' })).toThrow(/ATHENA_OUTPUT_LOCATION/);
    expect(parseConfig({ FEED_IDLE_POLL_MS: '0' }).feedIdlePollMs).toBe(0);
    expect(() => parseConfig({ FEED_IDLE_POLL_MS: '-5' })).toThrow(/FEED_IDLE_POLL_MS/);
  });

  it('reads the feed read budget: a table shared by every process, and its calls per shard per second', () => {
    expect(
      parseConfig({ FEED_READ_BUDGET_TABLE_NAME: 'dev-feed-read-budget', FEED_SHARD_READS_PER_SECOND: '3' }),
    ).toMatchObject({ feedReadBudgetTableName: 'dev-feed-read-budget', feedShardReadsPerSecond: 3 });
    expect(parseConfig({ FEED_READ_BUDGET_TABLE_NAME: '' }).feedReadBudgetTableName).toBeUndefined();
    expect(() => parseConfig({ FEED_READ_BUDGET_TABLE_NAME: 'a b' })).toThrow(/FEED_READ_BUDGET_TABLE_NAME/);
    // Kinesis allows 5 per shard in all; 0 would stop the feed.
    for (const bad of ['0', '6', '2.5', 'four']) {
      expect(() => parseConfig({ FEED_SHARD_READS_PER_SECOND: bad })).toThrow(/FEED_SHARD_READS_PER_SECOND/);
    }
  });
});
