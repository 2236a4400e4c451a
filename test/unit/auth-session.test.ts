import { describe, expect, it } from 'vitest';
import { CompactEncrypt } from 'jose';
import { contentSecurityPolicy } from '@/lib/auth/security-headers';
import { callerFromSession } from '@/lib/auth/session';
import { readSessionCookie, sealSession, sessionCookieName, unsealSession, type Session } from '@/lib/auth/session-cookie';
import { safeReturnTo } from '@/lib/auth/sign-in';

const secret = 'a'.repeat(43);
const now = () => Math.floor(Date.now() / 1000);
const session: Session = { sub: 'u-1', username: 'sales', email: 'sales@example.com', groups: ['sales'], tokens_exp: now() + 3600, refresh_token: 'r' };

describe('the session cookie', () => {
  it('round-trips a session', async () => {
    const sealed = await sealSession(session, secret);
    expect(sealed).not.toContain('sales@example.com');
    expect(await unsealSession(sealed, secret)).toMatchObject(session);
  });

  it('refuses a cookie sealed with another secret, tampered with, or not a JWE', async () => {
    const sealed = await sealSession(session, secret);
    expect(await unsealSession(sealed, 'b'.repeat(43))).toBeUndefined();
    const parts = sealed.split('.');
    parts[3] = parts[3]!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    expect(await unsealSession(parts.join('.'), secret)).toBeUndefined();
    expect(await unsealSession('garbage', secret)).toBeUndefined();
    expect(await unsealSession(undefined, secret)).toBeUndefined();
  });

  it('refuses a well-encrypted payload that is not a session', async () => {
    const { hkdfSync } = await import('node:crypto');
    const key = new Uint8Array(hkdfSync('sha256', secret, 'sales-cdc', 'session cookie v1', 32));
    const jwe = await new CompactEncrypt(new TextEncoder().encode(JSON.stringify({ sub: 'x' })))
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .encrypt(key);
    expect(await unsealSession(jwe, secret)).toBeUndefined();
  });

  it('ends without a refresh token when the tokens expire', async () => {
    const expired = { ...session, tokens_exp: now() - 10, refresh_token: undefined };
    expect(await unsealSession(await sealSession(expired, secret), secret)).toBeUndefined();
  });

  it('keeps an expired but refreshable session, whose caller is refused until refreshed', async () => {
    const stale = { ...session, tokens_exp: now() - 10 };
    const back = await unsealSession(await sealSession(stale, secret), secret);
    expect(back).toBeDefined();
    expect(() => callerFromSession(back!)).toThrow(/expired/);
    expect(callerFromSession(session)).toMatchObject({ username: 'sales', roles: ['sales'], via: 'cookie' });
  });

  it('is read from the Cookie header under its own name, __Host- over HTTPS', () => {
    expect(sessionCookieName(true)).toBe('__Host-sales_cdc_session');
    expect(readSessionCookie('a=1; sales_cdc_session=xyz; b=2', false)).toBe('xyz');
    expect(readSessionCookie('sales_cdc_session=xyz', true)).toBeUndefined();
    expect(readSessionCookie(null, false)).toBeUndefined();
  });
});

describe('safeReturnTo', () => {
  it.each([
    ['/orders?status=paid', '/orders?status=paid'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['/auth/callback', '/'],
    ['', '/'],
    [null, '/'],
  ])('%s → %s', (input, expected) => {
    expect(safeReturnTo(input)).toBe(expected);
  });
});

describe('the content security policy', () => {
  const base = { nonce: 'abc', dev: false, https: false, formTargets: ['http://127.0.0.1:4567'] };

  it('allows scripts only by nonce in production, and no frames', () => {
    const csp = contentSecurityPolicy(base);
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:4567");
  });

  it('lets dev tooling eval, and upgrades requests over HTTPS', () => {
    expect(contentSecurityPolicy({ ...base, dev: true })).toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ ...base, https: true })).toContain('upgrade-insecure-requests');
  });
});
