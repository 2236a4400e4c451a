import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as feedStreamRoute from '@/app/api/feed/stream/route';
import * as liveRoute from '@/app/api/health/live/route';
import * as healthRoute from '@/app/api/health/route';
import * as orderRoute from '@/app/api/orders/[id]/route';
import * as ordersRoute from '@/app/api/orders/route';
import * as summaryRoute from '@/app/api/orders/summary/route';
import { setDynamoDbClient } from '@/lib/aws/dynamodb';
import { setKinesisClient } from '@/lib/aws/kinesis';
import { resetConfig } from '@/lib/config';
import { setFeedHub } from '@/lib/feed/default-hub';
import { findFreePort } from '@/local/ports';
import { deleteRequest, getRequest, idContext, jsonRequest } from '../support/api';
import { orderInput } from '../support/orders';

const ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
const savedEndpoint = process.env.AWS_ENDPOINT_URL;
const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});

beforeAll(async () => {
  // Nothing listens on a port that was just free: every call is refused.
  process.env.AWS_ENDPOINT_URL = `http://127.0.0.1:${await findFreePort()}`;
  resetConfig();
  setDynamoDbClient(undefined);
  setKinesisClient(undefined);
});

afterAll(() => {
  process.env.AWS_ENDPOINT_URL = savedEndpoint;
  resetConfig();
  setDynamoDbClient(undefined);
  setKinesisClient(undefined);
  consoleError.mockRestore();
});

const calls: [string, () => Promise<Response>][] = [
  ['POST /api/orders', () => ordersRoute.POST(jsonRequest('POST', '/api/orders', orderInput()))],
  ['GET /api/orders', () => ordersRoute.GET(getRequest('/api/orders'))],
  ['GET /api/orders?q=<id>', () => ordersRoute.GET(getRequest(`/api/orders?q=${ID}`))],
  ['GET /api/orders/summary', () => summaryRoute.GET(getRequest('/api/orders/summary'))],
  ['GET /api/orders/:id', () => orderRoute.GET(getRequest(`/api/orders/${ID}`), idContext(ID))],
  [
    'PUT /api/orders/:id',
    () =>
      orderRoute.PUT(jsonRequest('PUT', `/api/orders/${ID}`, { ...orderInput(), version: 1 }), idContext(ID)),
  ],
  [
    'DELETE /api/orders/:id',
    () => orderRoute.DELETE(deleteRequest(`/api/orders/${ID}?version=1`), idContext(ID)),
  ],
];

const LEAKS = /ECONNREFUSED|127\.0\.0\.1|Exception|TimeoutError|\$metadata|stack|\n\s+at /;

describe('when DynamoDB cannot be reached', () => {
  it.each(calls)('%s answers 503 with a readable message and no internals', async (_name, call) => {
    consoleError.mockClear();
    const response = await call();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: 'unavailable',
      message: 'The orders database is unreachable right now. Try again in a moment.',
    });
    expect(text).not.toMatch(LEAKS);
    // The cause is logged server-side instead.
    expect(consoleError).toHaveBeenCalledWith(
      '[api] store unavailable:',
      expect.any(String),
      expect.stringContaining('ECONNREFUSED'),
    );
  });

  it('still answers liveness with 200: the load balancer must not replace every task during an outage', async () => {
    const response = await liveRoute.GET(getRequest('/api/health/live', null));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('reports degraded health with 503', async () => {
    const response = await healthRoute.GET(getRequest('/api/health', null));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'degraded', checks: { dynamodb: { ok: false } } });
    expect(text).not.toMatch(LEAKS);
  });
});

describe('when Kinesis cannot be reached', () => {
  it('the feed stream answers 503 with a readable message, not a 500', async () => {
    setFeedHub(undefined);
    const response = await feedStreamRoute.GET(getRequest('/api/feed/stream?position=LATEST'));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: 'unavailable',
      message: 'The change stream (Kinesis) is unreachable right now. Try again in a moment.',
    });
    expect(text).not.toMatch(LEAKS);
    setFeedHub(undefined);
  });
});
