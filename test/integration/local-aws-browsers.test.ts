import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startDynamoDbLocal, type DynamoDbLocal } from '@/local/dynamodb-local';

/**
 * No web page open in the user's browser can use the local AWS: the endpoint (which every SDK
 * call goes through) refuses anything that carries an Origin header, preflights included, and
 * DynamoDB Local's own port answers no CORS request with an allow-origin.
 */

const endpoint = () => inject('localAwsEnv').AWS_ENDPOINT_URL!;
const LIST_TABLES = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-target': 'DynamoDB_20120810.ListTables',
  authorization: 'AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=x',
};

describe('the local AWS endpoint and browsers', () => {
  it('answers an SDK-style call (no Origin), the control', async () => {
    const response = await fetch(endpoint(), { method: 'POST', headers: LIST_TABLES, body: '{}' });
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('TableNames');
  });

  it.each(['https://evil.example', 'http://localhost:3000', 'null'])('refuses a call from the page origin %s, with no CORS grant', async (origin) => {
    const response = await fetch(endpoint(), { method: 'POST', headers: { ...LIST_TABLES, origin }, body: '{}' });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(JSON.stringify(await response.json())).not.toContain('TableNames');
  });

  it('refuses a CORS preflight', async () => {
    const response = await fetch(endpoint(), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-methods')).toBeNull();
  });
});

describe("DynamoDB Local's own port", () => {
  let dynamodb: DynamoDbLocal;
  beforeAll(async () => {
    dynamodb = await startDynamoDbLocal();
  }, 60_000);
  afterAll(async () => {
    await dynamodb?.stop();
  });

  it('grants no origin CORS (its default would be *)', async () => {
    const url = `http://127.0.0.1:${dynamodb.port}/`;
    const preflight = await fetch(url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const call = await fetch(url, { method: 'POST', headers: { ...LIST_TABLES, origin: 'https://evil.example' }, body: '{}' });
    expect(call.headers.get('access-control-allow-origin')).toBeNull();
  });
});
