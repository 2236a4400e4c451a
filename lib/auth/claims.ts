import type { JWTPayload } from 'jose';
import { rolesFromGroups, type Caller } from './roles';

/**
 * Claims → Caller, for Cognito's token shapes (the local provider copies them). Access tokens
 * carry `username`, ID tokens `cognito:username`; only ID tokens carry `email`.
 */
export function callerFromClaims(claims: JWTPayload, via: Caller['via']): Caller {
  const username = stringClaim(claims.username) ?? stringClaim(claims['cognito:username']) ?? stringClaim(claims.sub);
  if (!claims.sub || !username) throw new Error('the token names no subject');
  return {
    subject: claims.sub,
    username,
    email: stringClaim(claims.email),
    roles: rolesFromGroups(claims['cognito:groups']),
    via,
  };
}

const stringClaim = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/**
 * Cognito access tokens have no `aud`: what ties one to this app is `client_id`, and
 * `token_use` keeps an ID token from being replayed as an access token.
 */
export function accessTokenProblem(claims: JWTPayload, acceptedClientIds: readonly string[]): string | undefined {
  if (claims.token_use !== 'access') return 'the token is not an access token';
  if (typeof claims.client_id !== 'string' || !acceptedClientIds.includes(claims.client_id)) {
    return 'the token was issued to another client';
  }
  return undefined;
}
