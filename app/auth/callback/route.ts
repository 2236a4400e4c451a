import { NextResponse } from 'next/server';
import { handle } from '@/lib/api/responses';
import { clearFlowCookie, setSessionCookie } from '@/lib/auth/cookies';
import { Unauthenticated } from '@/lib/auth/errors';
import { getAuthSettings } from '@/lib/auth/settings';
import { FLOW_COOKIE, finishSignIn } from '@/lib/auth/sign-in';
import { parse as parseCookie } from 'cookie';

export const dynamic = 'force-dynamic';

/** The issuer sends the browser back here with a code; a failed sign-in lands on a page that says why. */
export const GET = handle(async (request: Request) => {
  const { appUrl } = getAuthSettings();
  const url = new URL(request.url);
  const flowCookie = parseCookie(request.headers.get('cookie') ?? '')[FLOW_COOKIE];
  try {
    const { session, returnTo } = await finishSignIn(url.search, flowCookie);
    const response = NextResponse.redirect(`${appUrl}${returnTo}`, 303);
    clearFlowCookie(response);
    await setSessionCookie(response, session);
    return response;
  } catch (error) {
    if (!(error instanceof Unauthenticated)) throw error;
    const response = NextResponse.redirect(`${appUrl}/signed-out?error=${encodeURIComponent(error.message)}`, 303);
    clearFlowCookie(response);
    return response;
  }
});
