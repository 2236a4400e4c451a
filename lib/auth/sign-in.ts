import 'server-only';
import * as oidc from 'openid-client';
import { EncryptJWT, jwtDecrypt, jwtVerify } from 'jose';
import { hkdfSync } from 'node:crypto';
import { verifyAccessToken } from './access-token';
import { IdentityUnavailable, Unauthenticated } from './errors';
import { getIssuer } from './issuer';
import type { Session } from './session-cookie';
import { getAuthSettings } from './settings';

/**
 * The authorization-code flow with PKCE (S256), state and nonce, through openid-client. What the
 * callback must check travels in a short-lived encrypted cookie, never in the URL.
 */
export const FLOW_COOKIE = 'sales_cdc_sign_in';
export const FLOW_MAX_AGE_S = 600;

type Flow = { verifier: string; state: string; nonce: string; return_to: string };

const flowKey = (secret: string) => new Uint8Array(hkdfSync('sha256', secret, 'sales-cdc', 'sign-in flow v1', 32));

export const callbackUrl = (appUrl: string) => `${appUrl}/auth/callback`;

/** Only a path on this app: never another origin, `//host` or `/\host`. */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/auth/')) return '/';
  return value;
}

export async function startSignIn(returnTo: string): Promise<{ redirectTo: URL; flowCookie: string }> {
  const settings = getAuthSettings();
  const { config } = await getIssuer();
  const flow: Flow = {
    verifier: oidc.randomPKCECodeVerifier(),
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    return_to: safeReturnTo(returnTo),
  };
  const redirectTo = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(settings.appUrl),
    scope: settings.scopes,
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  const flowCookie = await new EncryptJWT({ ...flow })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setExpirationTime(`${FLOW_MAX_AGE_S}s`)
    .encrypt(flowKey(settings.sessionSecret));
  return { redirectTo, flowCookie };
}

async function openFlow(cookie: string | undefined, secret: string): Promise<Flow> {
  if (!cookie) throw new Unauthenticated('the sign-in took too long or began in another browser; sign in again');
  try {
    const { payload } = await jwtDecrypt(cookie, flowKey(secret), { keyManagementAlgorithms: ['dir'] });
    return payload as unknown as Flow;
  } catch {
    throw new Unauthenticated('the sign-in took too long or began in another browser; sign in again');
  }
}

/** Exchanges the code and checks every token; returns the session and where to go next. */
export async function finishSignIn(search: string, flowCookie: string | undefined): Promise<{ session: Session; returnTo: string }> {
  const settings = getAuthSettings();
  const flow = await openFlow(flowCookie, settings.sessionSecret);
  const { config, jwks } = await getIssuer();
  let tokens;
  try {
    // The callback as registered, whatever host the request reached us on behind a proxy.
    tokens = await oidc.authorizationCodeGrant(config, new URL(`${callbackUrl(settings.appUrl)}${search}`), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    if (error instanceof oidc.AuthorizationResponseError || error instanceof oidc.ResponseBodyError) {
      throw new Unauthenticated(`the sign-in was refused: ${error.error_description ?? error.error}`);
    }
    if (error instanceof TypeError || (error as Error).name === 'AbortError') throw new IdentityUnavailable({ cause: error });
    throw new Unauthenticated('the sign-in response did not verify; sign in again');
  }
  // openid-client trusts the TLS channel for the ID token; verify its signature against the JWKS too.
  const { payload: id } = await jwtVerify(tokens.id_token!, jwks, {
    issuer: settings.issuer,
    audience: settings.clientId,
    algorithms: ['RS256'],
  }).catch(() => {
    throw new Unauthenticated('the ID token did not verify; sign in again');
  });
  const access = await verifyAccessToken(tokens.access_token);
  if (access.subject !== id.sub) throw new Unauthenticated('the tokens name different users');
  const groups = Array.isArray(id['cognito:groups']) ? (id['cognito:groups'] as unknown[]).filter((g) => typeof g === 'string') : [];
  const session: Session = {
    sub: id.sub!,
    username: typeof id['cognito:username'] === 'string' ? id['cognito:username'] : access.username,
    email: typeof id.email === 'string' ? id.email : undefined,
    groups,
    tokens_exp: Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 3600),
    refresh_token: tokens.refresh_token,
  };
  return { session, returnTo: safeReturnTo(flow.return_to) };
}

/**
 * New tokens for an expired session, or undefined when the refresh token no longer works (the
 * session then ends). Groups are re-read, so a role change applies at the next refresh.
 */
export async function refreshSession(session: Session): Promise<Session | undefined> {
  if (!session.refresh_token) return undefined;
  const settings = getAuthSettings();
  const { config, jwks } = await getIssuer();
  try {
    const tokens = await oidc.refreshTokenGrant(config, session.refresh_token);
    const access = await verifyAccessToken(tokens.access_token);
    let groups = access.roles as string[];
    if (tokens.id_token) {
      const { payload } = await jwtVerify(tokens.id_token, jwks, { issuer: settings.issuer, audience: settings.clientId, algorithms: ['RS256'] });
      if (Array.isArray(payload['cognito:groups'])) groups = payload['cognito:groups'] as string[];
    }
    return {
      ...session,
      groups,
      tokens_exp: Math.floor(Date.now() / 1000) + (tokens.expires_in ?? 3600),
      // Cognito keeps the refresh token; an issuer that rotates it sends a new one.
      refresh_token: tokens.refresh_token ?? session.refresh_token,
    };
  } catch (error) {
    if (error instanceof IdentityUnavailable) throw error;
    return undefined;
  }
}

/** Where sign-out sends the browser so the issuer's session ends too (RP-initiated logout). */
export async function signOutUrl(): Promise<string> {
  const settings = getAuthSettings();
  const back = `${settings.appUrl}/signed-out`;
  if (settings.logoutUrl) {
    // Cognito's managed login: GET /logout?client_id=…&logout_uri=…
    const url = new URL(settings.logoutUrl);
    url.searchParams.set('client_id', settings.clientId);
    url.searchParams.set('logout_uri', back);
    return url.toString();
  }
  const { config } = await getIssuer();
  if (!config.serverMetadata().end_session_endpoint) return back;
  return oidc.buildEndSessionUrl(config, { client_id: settings.clientId, post_logout_redirect_uri: back }).toString();
}

/** Best effort: a revoked refresh token cannot renew a copied cookie. */
export async function revokeRefreshToken(session: Session | undefined): Promise<void> {
  if (!session?.refresh_token) return;
  try {
    const { config } = await getIssuer();
    if (config.serverMetadata().revocation_endpoint) await oidc.tokenRevocation(config, session.refresh_token, { token_type_hint: 'refresh_token' });
  } catch (error) {
    console.warn('[auth] refresh token revocation failed:', (error as Error).name);
  }
}
