import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { describe, expect, it } from 'vitest';
import { config } from '@/proxy';

const runs = (url: string, headers: Record<string, string> = {}) =>
  unstable_doesMiddlewareMatch({ config, url, headers });

describe('which requests proxy.ts sees', () => {
  it('sees every page, with or without an Authorization header, so each gets its CSP nonce', () => {
    for (const path of ['/', '/orders', '/orders/01JD0000000000000000000001', '/queries?name=x', '/auth/sign-in']) {
      expect(runs(path)).toBe(true);
      expect(runs(path, { authorization: 'Bearer x' })).toBe(true);
    }
  });

  it('sees API calls made with the session cookie, so an expired session is renewed', () => {
    expect(runs('/api/orders', { cookie: 'session=x' })).toBe(true);
    expect(runs('/api/queries/executions/abc/results.csv')).toBe(true);
  });

  it('leaves API calls with a Bearer token to the route handler, which authenticates them', () => {
    expect(runs('/api/orders', { authorization: 'Bearer x' })).toBe(false);
    expect(runs('/api/orders/01JD0000000000000000000001', { authorization: 'Bearer x' })).toBe(false);
  });

  it('skips static files', () => {
    for (const path of ['/_next/static/chunks/app.js', '/favicon.ico', '/icon-192.png', '/manifest.webmanifest', '/robots.txt']) {
      expect(runs(path)).toBe(false);
    }
  });
});
