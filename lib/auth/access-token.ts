import 'server-only';
import { errors, jwtVerify } from 'jose';
import { accessTokenProblem, callerFromClaims } from './claims';
import { IdentityUnavailable, Unauthenticated } from './errors';
import { getIssuer } from './issuer';
import type { Caller } from './roles';
import { getAuthSettings } from './settings';

/** Both issuers sign with RS256; naming it also refuses `alg: none` and HMAC confusion. */
const ALGORITHMS = ['RS256'];

/** Verifies a Bearer access token against the issuer's JWKS: signature, iss, exp, client_id, token_use. */
export async function verifyAccessToken(token: string): Promise<Caller> {
  const settings = getAuthSettings();
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
  try {
    return callerFromClaims(payload, 'bearer');
  } catch (error) {
    throw new Unauthenticated((error as Error).message, 'invalid_token');
  }
}

function describeTokenError(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return `the token's ${error.claim} claim is not accepted`;
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is not signed with an accepted algorithm';
  if (error instanceof errors.JWKSNoMatchingKey) return 'the token is not signed by a key of the issuer';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  return 'the token is malformed';
}
