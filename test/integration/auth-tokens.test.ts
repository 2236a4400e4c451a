/**
 * Bearer tokens the API must refuse. Each bad token differs from a good one in one way only: the
 * test mints tokens with the run's own signing key (a control token made the same way is
 * accepted), so a 401 is the app refusing that one difference.
 */
import { decodeJwt, exportJWK, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { GET as ordersSummary } from '@/app/api/orders/summary/route';
import { BASE_URL } from '../support/api';
import { tokenFor } from '../support/auth';
import { setupOrdersTable } from '../support/orders-table';

setupOrdersTable('auth-tokens');

const signingJwk = inject('oidcSigningKey');
let claims: JWTPayload;

beforeAll(() => {
  // A real access token of the sales user, as the provider issued it: the template for the rest.
  claims = decodeJwt(tokenFor('sales'));
});

async function sign(payload: JWTPayload, key = signingJwk, header: Record<string, unknown> = {}): Promise<string> {
  const privateKey = await importJWK(key, 'RS256');
  return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: signingJwk.kid, typ: 'at+jwt', ...header }).sign(privateKey);
}

const now = () => Math.floor(Date.now() / 1000);

async function callWith(authorization: string) {
  const response = await ordersSummary(new Request(`${BASE_URL}/api/orders/summary`, { headers: { authorization } }));
  return { status: response.status, challenge: response.headers.get('www-authenticate'), json: await response.json() };
}

describe('Bearer tokens', () => {
  it('accepts a token minted with the issuer key and the claims it issues (the control)', async () => {
    expect((await callWith(`Bearer ${await sign({ ...claims, iat: now(), exp: now() + 600 })}`)).status).toBe(200);
    expect((await callWith(`Bearer ${tokenFor('sales')}`)).status).toBe(200);
  });

  const cases: [string, () => Promise<string>, RegExp][] = [
    [
      'forged: signed by another key under the issuer key id',
      async () => {
        const { privateKey } = await generateKeyPair('RS256', { extractable: true });
        return sign({ ...claims, exp: now() + 600 }, await exportJWK(privateKey));
      },
      /signature does not verify/,
    ],
    [
      'tampered: the sales token with admin put in its groups',
      async () => {
        const [header, , signature] = tokenFor('sales').split('.');
        const payload = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString('base64url');
        return `${header}.${payload}.${signature}`;
      },
      /signature does not verify/,
    ],
    ['expired a minute ago', () => sign({ ...claims, iat: now() - 3600, exp: now() - 60 }), /expired/],
    ['from another issuer', () => sign({ ...claims, exp: now() + 600, iss: 'https://issuer.example.com' }), /iss/],
    ['issued to another client (the audience Cognito puts in client_id)', () => sign({ ...claims, exp: now() + 600, client_id: 'someone-else' }), /another client/],
    ['an ID token sent as an access token', () => sign({ ...claims, exp: now() + 600, token_use: 'id' }), /not an access token/],
    ['alg: none', async () => new UnsecuredJWT({ ...claims, exp: now() + 600 }).encode(), /algorithm|malformed/],
    [
      'HS256 keyed with the public key (algorithm confusion)',
      async () => {
        const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = signingJwk;
        const secret = new TextEncoder().encode(JSON.stringify(publicJwk));
        return new SignJWT({ ...claims, exp: now() + 600 }).setProtectedHeader({ alg: 'HS256', kid: signingJwk.kid }).sign(secret);
      },
      /algorithm/,
    ],
    ['not a JWT at all', async () => 'not-a-token', /malformed/],
  ];

  it.each(cases)('refuses a token %s with 401 invalid_token', async (_name, make, reason) => {
    const answer = await callWith(`Bearer ${await make()}`);
    expect(answer.status).toBe(401);
    expect(answer.challenge).toBe('Bearer error="invalid_token"');
    expect(answer.json).toMatchObject({ error: 'unauthenticated' });
    expect(answer.json.message).toMatch(reason);
  });

  it('refuses an Authorization header that is not Bearer with 401 invalid_request', async () => {
    const answer = await callWith('Basic c2FsZXM6bG9jYWwtc2FsZXM=');
    expect(answer.status).toBe(401);
    expect(answer.challenge).toBe('Bearer error="invalid_request"');
  });

  it('answers a request with no credentials with a bare Bearer challenge', async () => {
    const response = await ordersSummary(new Request(`${BASE_URL}/api/orders/summary`));
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('stops accepting a token it verified before once the token expires', async () => {
    // Verified tokens are remembered (lib/auth/access-token.ts); the memory must end with the token.
    const shortLived = `Bearer ${await sign({ ...claims, iat: now(), exp: now() + 1 })}`;
    expect((await callWith(shortLived)).status).toBe(200);
    expect((await callWith(shortLived)).status).toBe(200);
    // Past exp and jose's 5 s clock tolerance.
    await new Promise((r) => setTimeout(r, 7_500));
    const late = await callWith(shortLived);
    expect(late.status).toBe(401);
    expect(late.json.message).toMatch(/expired/);
  }, 20_000);
});
