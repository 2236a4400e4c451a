import 'server-only';
import type { NextResponse } from 'next/server';
import { FLOW_COOKIE, FLOW_MAX_AGE_S } from './sign-in';
import { SESSION_MAX_AGE_S, sealSession, sessionCookieName, type Session } from './session-cookie';
import { getAuthSettings, isHttpsApp } from './settings';

/** httpOnly, SameSite=Lax (the issuer's redirect back is a top-level GET), Secure over HTTPS. */
const base = (secure: boolean) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path: '/' });

export async function setSessionCookie(response: NextResponse, session: Session): Promise<void> {
  const settings = getAuthSettings();
  const secure = isHttpsApp(settings.appUrl);
  const maxAge = session.refresh_token ? SESSION_MAX_AGE_S : Math.max(0, session.tokens_exp - Math.floor(Date.now() / 1000));
  response.cookies.set(sessionCookieName(secure), await sealSession(session, settings.sessionSecret), { ...base(secure), maxAge });
}

export function clearSessionCookie(response: NextResponse): void {
  const secure = isHttpsApp(getAuthSettings().appUrl);
  response.cookies.set(sessionCookieName(secure), '', { ...base(secure), maxAge: 0 });
}

export function setFlowCookie(response: NextResponse, value: string): void {
  const secure = isHttpsApp(getAuthSettings().appUrl);
  response.cookies.set(FLOW_COOKIE, value, { ...base(secure), path: '/auth', maxAge: FLOW_MAX_AGE_S });
}

export function clearFlowCookie(response: NextResponse): void {
  const secure = isHttpsApp(getAuthSettings().appUrl);
  response.cookies.set(FLOW_COOKIE, '', { ...base(secure), path: '/auth', maxAge: 0 });
}
