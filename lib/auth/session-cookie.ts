import { hkdfSync } from 'node:crypto';
import { parse as parseCookie } from 'cookie';
import { EncryptJWT, jwtDecrypt, type JWTPayload } from 'jose';

/**
 * The browser session: an httpOnly cookie holding an encrypted JWT (dir + A256GCM, so it is
 * authenticated as well as secret). It carries what a verified ID token said at sign-in, when the
 * tokens expire, and the refresh token that may renew them.
 */
export type Session = {
  sub: string;
  username: string;
  email?: string;
  groups: string[];
  /** When the tokens expire (epoch seconds); after that only a refresh keeps the session. */
  tokens_exp: number;
  refresh_token?: string;
};

export const SESSION_COOKIE = 'sales_cdc_session';
/** Same-origin only: the `__Host-` prefix needs Secure, so it is used over HTTPS. */
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);
/** A refreshable session lives at most this long (Cognito's default refresh token validity). */
export const SESSION_MAX_AGE_S = 30 * 24 * 3600;

// Derived once per secret: the proxy and the handler both unseal the cookie on every request.
const derivedKeys = new Map<string, Uint8Array>();

function keyFrom(secret: string): Uint8Array {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = new Uint8Array(hkdfSync('sha256', secret, 'sales-cdc', 'session cookie v1', 32));
    derivedKeys.set(secret, key);
  }
  return key;
}

export async function sealSession(session: Session, secret: string): Promise<string> {
  const horizon = session.refresh_token ? Math.floor(Date.now() / 1000) + SESSION_MAX_AGE_S : session.tokens_exp;
  return new EncryptJWT({ ...session })
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(horizon)
    .encrypt(keyFrom(secret));
}

/** The session, or undefined when the cookie is missing, tampered with, from another secret or past its horizon. */
export async function unsealSession(value: string | undefined, secret: string): Promise<Session | undefined> {
  if (!value) return undefined;
  try {
    const { payload } = await jwtDecrypt(value, keyFrom(secret), { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] });
    return isSession(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

function isSession(payload: JWTPayload): payload is JWTPayload & Session {
  return (
    typeof payload.sub === 'string' &&
    typeof payload.username === 'string' &&
    Array.isArray(payload.groups) &&
    typeof payload.tokens_exp === 'number'
  );
}

export const sessionExpired = (session: Session, nowS = Date.now() / 1000) => session.tokens_exp <= nowS;

/** The session cookie's value from a Cookie header. */
export function readSessionCookie(header: string | null, secure: boolean): string | undefined {
  return header ? parseCookie(header)[sessionCookieName(secure)] : undefined;
}
