import 'server-only';
import * as oidc from 'openid-client';
import { createRemoteJWKSet } from 'jose';
import { IdentityUnavailable } from './errors';
import { getAuthSettings } from './settings';

/**
 * The issuer's discovery document and keys, fetched once per process and again after a failure.
 * Cognito and the local provider both publish discovery, so one code path serves both.
 */
type Issuer = { config: oidc.Configuration; jwks: ReturnType<typeof createRemoteJWKSet> };

let cached: { key: string; issuer: Promise<Issuer> } | undefined;

async function discover(issuer: string, clientId: string): Promise<Issuer> {
  const options = issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests], timeout: 5 } : { timeout: 5 };
  try {
    const config = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.None(), options);
    const jwksUri = config.serverMetadata().jwks_uri;
    if (!jwksUri) throw new Error(`${issuer} publishes no jwks_uri`);
    // jose caches the key set and refetches (at most every 30 s) when a token names an unknown kid.
    return { config, jwks: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: 5_000 }) };
  } catch (error) {
    throw new IdentityUnavailable({ cause: error });
  }
}

export function getIssuer(): Promise<Issuer> {
  const { issuer, clientId } = getAuthSettings();
  const key = `${issuer} ${clientId}`;
  if (cached?.key !== key) {
    const pending = discover(issuer, clientId);
    cached = { key, issuer: pending };
    pending.catch(() => {
      if (cached?.issuer === pending) cached = undefined;
    });
  }
  return cached.issuer;
}

/** Tests point the app at another issuer and call this. */
export function resetIssuer(): void {
  cached = undefined;
}
