import 'server-only';
import { verifyAccessToken } from './access-token';
import { callerFromSession } from './session';
import { Unauthenticated } from './errors';
import type { Caller } from './roles';
import { getAuthSettings, isHttpsApp } from './settings';
import { readSessionCookie, unsealSession } from './session-cookie';

/**
 * Who sent this request: a Bearer access token if there is an Authorization header (and then
 * only that), else the session cookie. Null when neither is present.
 */
export async function authenticate(headers: Headers): Promise<Caller | null> {
  const authorization = headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(authorization.trim());
    if (!match) throw new Unauthenticated('the Authorization header must be "Bearer <access token>"', 'invalid_request');
    return verifyAccessToken(match[1]!);
  }
  const settings = getAuthSettings();
  const cookie = readSessionCookie(headers.get('cookie'), isHttpsApp(settings.appUrl));
  if (!cookie) return null;
  const session = await unsealSession(cookie, settings.sessionSecret);
  if (!session) throw new Unauthenticated('the session cookie is not valid; sign in again');
  return callerFromSession(session);
}
