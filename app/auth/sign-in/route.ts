import { NextResponse } from 'next/server';
import { handle } from '@/lib/api/responses';
import { setFlowCookie } from '@/lib/auth/cookies';
import { getAuthSettings } from '@/lib/auth/settings';
import { startSignIn } from '@/lib/auth/sign-in';

export const dynamic = 'force-dynamic';

/** Starts the code flow: to the issuer's sign-in page, then back to `return_to`. */
export const GET = handle(async (request: Request) => {
  const url = new URL(request.url);
  const returnTo = url.searchParams.get('return_to') ?? '/';
  const { appUrl } = getAuthSettings();
  // The callback and its cookie belong to the app URL's host; move there first if we were reached by another name.
  const host = request.headers.get('host');
  if (host && host !== new URL(appUrl).host) {
    return NextResponse.redirect(`${appUrl}/auth/sign-in?return_to=${encodeURIComponent(returnTo)}`, 303);
  }
  const { redirectTo, flowCookie } = await startSignIn(returnTo);
  const response = NextResponse.redirect(redirectTo, 303);
  setFlowCookie(response, flowCookie);
  return response;
});
