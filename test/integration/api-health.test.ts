import { describe, expect, it } from 'vitest';
import * as liveRoute from '@/app/api/health/live/route';
import * as healthRoute from '@/app/api/health/route';
import { getRequest } from '@/test/support/api';

describe('GET /api/health', () => {
  it('is ok when the orders table created by the local stack is active', async () => {
    const response = await healthRoute.GET(getRequest('/api/health', null));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      checks: { dynamodb: { ok: true, message: 'table orders is ACTIVE' } },
    });
  });

  it('liveness answers without a token and without touching AWS', async () => {
    const response = await liveRoute.GET(getRequest('/api/health/live', null));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});
