import { describe, expect, it } from 'vitest';
import { OUTPUT_ENV } from '../lib/outputs';
import { envFileFromOutputs } from '../lib/stack-env';

const outputs = [
  { OutputKey: 'Region', OutputValue: 'eu-west-1' },
  { OutputKey: 'OrdersTableName', OutputValue: 'dev-orders' },
  { OutputKey: 'QueryNamesTableName', OutputValue: 'dev-query-names' },
  { OutputKey: 'FeedReadBudgetTableName', OutputValue: 'dev-feed-read-budget' },
  { OutputKey: 'ChangeStreamName', OutputValue: 'dev-order-changes' },
  { OutputKey: 'AthenaWorkGroup', OutputValue: 'dev-primary' },
  { OutputKey: 'AthenaDatabase', OutputValue: 'sales_cdc' },
  { OutputKey: 'AthenaResultsLocation', OutputValue: 's3://results/results/' },
  { OutputKey: 'ChangeLogBucketName', OutputValue: 'changes' },
  { OutputKey: 'PipeName', OutputValue: 'dev-orders-to-kinesis' },
  {
    OutputKey: 'PipeDeadLetterQueueUrl',
    OutputValue: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dev-dlq',
  },
  { OutputKey: 'AuthIssuerUrl', OutputValue: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc' },
  { OutputKey: 'AuthClientId', OutputValue: 'webclient' },
  { OutputKey: 'AuthApiClientIds', OutputValue: 'cliclient' },
  {
    OutputKey: 'AuthLogoutUrl',
    OutputValue: 'https://sales-cdc-dev-1.auth.eu-west-1.amazoncognito.com/logout',
  },
  { OutputKey: 'AppUrl', OutputValue: 'https://sales.example.com' },
  { OutputKey: 'UserPoolId', OutputValue: 'eu-west-1_abc' },
];

describe('envFileFromOutputs', () => {
  it('maps each stack output to the variable the app reads', () => {
    const text = envFileFromOutputs('SalesCdc-dev', outputs);
    const vars = Object.fromEntries(
      text
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))
        .map((l) => l.split('=') as [string, string]),
    );
    expect(vars).toEqual({
      AWS_REGION: 'eu-west-1',
      ORDERS_TABLE_NAME: 'dev-orders',
      QUERY_NAMES_TABLE_NAME: 'dev-query-names',
      FEED_READ_BUDGET_TABLE_NAME: 'dev-feed-read-budget',
      CHANGE_STREAM_NAME: 'dev-order-changes',
      ATHENA_WORKGROUP: 'dev-primary',
      ATHENA_DATABASE: 'sales_cdc',
      CHANGE_LOG_BUCKET: 'changes',
      PIPE_DLQ_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/dev-dlq',
      AUTH_ISSUER: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_abc',
      AUTH_CLIENT_ID: 'webclient',
      AUTH_API_CLIENT_IDS: 'cliclient',
      AUTH_LOGOUT_URL: 'https://sales-cdc-dev-1.auth.eu-west-1.amazoncognito.com/logout',
      APP_URL: 'https://sales.example.com',
    });
    expect(Object.keys(vars).sort()).toEqual(Object.values(OUTPUT_ENV).sort());
    expect(text).not.toMatch(/AWS_ENDPOINT_URL=/);
    // The workgroup enforces its result location; sending one would turn Athena's result reuse off.
    expect(text).not.toMatch(/ATHENA_OUTPUT_LOCATION/);
  });

  it('adds the session secret made on this machine', () => {
    const text = envFileFromOutputs('SalesCdc-dev', outputs, 'x'.repeat(43));
    expect(text).toMatch(new RegExp(`^SESSION_SECRET=${'x'.repeat(43)}$`, 'm'));
    expect(envFileFromOutputs('SalesCdc-dev', outputs)).not.toMatch(/SESSION_SECRET/);
  });

  it('points APP_URL at this machine when asked (a local dashboard against the deployed stack)', () => {
    const text = envFileFromOutputs('SalesCdc-dev', outputs, undefined, 'http://localhost:3000');
    expect(text).toMatch(/^APP_URL=http:\/\/localhost:3000$/m);
    expect(text).not.toMatch(/sales\.example\.com/);
  });

  it('names the outputs a stack is missing', () => {
    expect(() =>
      envFileFromOutputs(
        'Old',
        outputs.filter(
          (o) => !['Region', 'OrdersTableName', 'FeedReadBudgetTableName'].includes(o.OutputKey),
        ),
      ),
    ).toThrow(
      'stack Old has no output Region, OrdersTableName, FeedReadBudgetTableName; deploy this version of infra/ first',
    );
  });
});
