import 'server-only';
import { createHash } from 'node:crypto';
import { errors, jwtVerify } from 'jose';
import { LRUCache } from 'lru-cache';
import { accessTokenProblem, callerFromClaims } from './claims';
import { IdentityUnavailable, Unauthenticated } from './errors';
import { getIssuer } from './issuer';
import type { Caller } from './roles';
import { getAuthSettings } from './settings';

/** Both issuers sign with RS256; naming it also refuses `alg: none` and HMAC confusion. */
const ALGORITHMS = ['RS256'];

/**
 * Tokens already verified, by a SHA-256 of the token and the settings it was checked against (so
 * no raw token is kept): an API client sends the same token on every request, and the RS256
 * verification was about a fifth of an order write's server CPU. An entry lives until the token
 * expires, and at most VERIFIED_TTL_MS, which bounds how long a key dropped from the JWKS is
 * still honoured for a token it signed.
 */
const VERIFIED_TTL_MS = 5 * 60_000;
const verified = new LRUCache<string, Caller>({ max: 10_000 });

function cacheKey(token: string, settings: ReturnType<typeof getAuthSettings>): string {
  return createHash('sha256').update(`${settings.issuer}\n${settings.acceptedClientIds.join(',')}\n${token}`).digest('base64url');
}

/** Verifies a Bearer access token against the issuer's JWKS: signature, iss, exp, client_id, token_use. */
export async function verifyAccessToken(token: string): Promise<Caller> {
  const settings = getAuthSettings();
  const key = cacheKey(token, settings);
  const known = verified.get(key);
  if (known) return known;
  const { caller, expiresAt } = await verifyUncached(token, settings);
  const ttl = Math.min(expiresAt - Date.now(), VERIFIED_TTL_MS);
  if (ttl > 0) verified.set(key, caller, { ttl });
  return caller;
}

async function verifyUncached(token: string, settings: ReturnType<typeof getAuthSettings>): Promise<{ caller: Caller; expiresAt: number }> {
  const { jwks } = await getIssuer();
  let payload;
  try {
    ({ payload } = await jwtVerify(token, jwks, { issuer: settings.issuer, algorithms: ALGORITHMS, clockTolerance: 5 }));
  } catch (error) {
    if (error instanceof errors.JWKSTimeout || !(error instanceof errors.JOSEError)) {
      // Key set unreachable (network, not the token's fault); a malformed token is a JOSEError.
      if (error instanceof TypeError && /fetch/i.test(error.message)) throw new IdentityUnavailable({ cause: error });
      if (error instanceof errors.JWKSTimeout) throw new IdentityUnavailable({ cause: error });
    }
    throw new Unauthenticated(describeTokenError(error), 'invalid_token');
  }
  const problem = accessTokenProblem(payload, settings.acceptedClientIds);
  if (problem) throw new Unauthenticated(problem, 'invalid_token');
  let caller: Caller;
  try {
    caller = callerFromClaims(payload, 'bearer');
  } catch (error) {
    throw new Unauthenticated((error as Error).message, 'invalid_token');
  }
  return { caller, expiresAt: (payload.exp ?? 0) * 1000 };
}

function describeTokenError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with an accepted algorithm';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is not signed by a key of the issuer';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  return 'the token is malformed';
}
