import { NextResponse } from 'next/server';
import { handle } from '@/lib/api/responses';
import { clearSessionCookie } from '@/lib/auth/cookies';
import { getAuthSettings, isHttpsApp } from '@/lib/auth/settings';
import { readSessionCookie, unsealSession } from '@/lib/auth/session-cookie';
import { revokeRefreshToken, signOutUrl } from '@/lib/auth/sign-in';

export const dynamic = 'force-dynamic';

/** Ends this app's session and then the issuer's (Cognito's /logout, or end_session_endpoint). */
async function signOut(request: Request) {
  const settings = getAuthSettings();
  const session = await unsealSession(readSessionCookie(request.headers.get('cookie'), isHttpsApp(settings.appUrl)), settings.sessionSecret);
  await revokeRefreshToken(session);
  const response = NextResponse.redirect(await signOutUrl(), 303);
  clearSessionCookie(response);
  return response;
}

export const GET = handle(signOut);
export const POST = handle(signOut);
