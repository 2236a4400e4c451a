import { NextResponse, type NextRequest } from 'next/server';
import { setSessionCookie, clearSessionCookie } from '@/lib/auth/cookies';
import { REQUEST_PATH_HEADER } from '@/lib/auth/page-guard';
import { findPolicy } from '@/lib/auth/policy';
import { HSTS, STATIC_SECURITY_HEADERS, contentSecurityPolicy } from '@/lib/auth/security-headers';
import { readSessionCookie, sealSession, sessionCookieName, sessionExpired, unsealSession } from '@/lib/auth/session-cookie';
import { getAuthSettings, isHttpsApp } from '@/lib/auth/settings';
import { refreshSession } from '@/lib/auth/sign-in';

/**
 * First line only: sends signed-out page visits to sign-in, renews expired sessions with the
 * refresh token, and sets the security headers. Every page and route handler decides access
 * again from the same policy table (a proxy bypass was a real Next.js CVE).
 */
export async function proxy(request: NextRequest) {
  const settings = safeSettings();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
  const https = settings ? isHttpsApp(settings.appUrl) : request.nextUrl.protocol === 'https:';
  const csp = contentSecurityPolicy({
    nonce,
    dev: process.env.NODE_ENV === 'development',
    https,
    formTargets: settings ? formTargets(settings) : [],
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);

  let response: NextResponse | undefined;
  let renewed: Awaited<ReturnType<typeof refreshSession>> | null = null;
  // A Bearer request authenticates with its token alone (lib/auth/authenticate), so its cookie is neither read nor renewed.
  if (settings && !request.headers.has('authorization')) {
    const cookie = readSessionCookie(request.headers.get('cookie'), https);
    const session = await unsealSession(cookie, settings.sessionSecret);
    if (session && sessionExpired(session)) {
      renewed = (await refreshSession(session).catch(() => undefined)) ?? undefined;
      if (renewed) {
        // The handlers below read the renewed cookie; the browser gets it in the response.
        const sealed = await sealSession(renewed, settings.sessionSecret);
        requestHeaders.set('cookie', replaceCookie(request.headers.get('cookie') ?? '', sessionCookieName(https), sealed));
      }
    }
    const signedIn = Boolean(session && (!sessionExpired(session) || renewed));
    if (!signedIn && isSignInPage(request) && isClientRouterFetch(request)) {
      // A prefetch or client navigation cannot follow a redirect to the issuer (CSP connect-src,
      // CORS); a non-RSC answer makes the router fall back to a full page load, which can.
      response = NextResponse.json({ error: 'unauthenticated' }, { status: 401 });
    } else if (!signedIn && isSignInPage(request)) {
      const returnTo = request.nextUrl.pathname + request.nextUrl.search;
      response = NextResponse.redirect(new URL(`/auth/sign-in?return_to=${encodeURIComponent(returnTo)}`, settings.appUrl), 307);
      if (session) clearSessionCookie(response);
    }
  }
  response ??= NextResponse.next({ request: { headers: requestHeaders } });
  if (renewed) await setSessionCookie(response, renewed);
  response.headers.set('Content-Security-Policy', csp);
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.headers.set(key, value);
  if (https) response.headers.set(HSTS.key, HSTS.value);
  return response;
}

/** Pages that need a session; an unknown path is treated as one (fail closed), API routes answer 401 themselves. */
function isSignInPage(request: NextRequest): boolean {
  if (!['GET', 'HEAD'].includes(request.method)) return false;
  const path = request.nextUrl.pathname;
  if (path.startsWith('/api/') || path.startsWith('/auth/')) return false;
  const entry = findPolicy(path);
  return !entry || (entry.kind === 'page' && entry.methods.GET !== 'public');
}

/**
 * A fetch rather than a navigation: the client router's RSC requests and prefetches. Next strips
 * its own flight headers (`rsc`, `next-router-prefetch`) before the proxy runs, so this reads the
 * browser's Fetch Metadata instead; clients that send none (curl, scripts) are treated as navigations.
 */
function isClientRouterFetch(request: NextRequest): boolean {
  const mode = request.headers.get('sec-fetch-mode');
  return mode !== null && mode !== 'navigate';
}

function safeSettings() {
  try {
    return getAuthSettings();
  } catch {
    // Not configured: pages and routes answer that themselves; the headers still go out.
    return undefined;
  }
}

function formTargets(settings: ReturnType<typeof getAuthSettings>): string[] {
  return [...new Set([settings.issuer, settings.logoutUrl].filter((u): u is string => Boolean(u)).map((u) => new URL(u).origin))];
}

function replaceCookie(header: string, name: string, value: string): string {
  const others = header.split(';').map((p) => p.trim()).filter((p) => p && !p.startsWith(`${name}=`));
  return [...others, `${name}=${value}`].join('; ');
}

export const config = {
  matcher: [
    // Static build output and public/ files (robots.txt, icons, the manifest) need no session or
    // nonce, and must load signed out; next.config.js gives them the static headers. By name and
    // image extension, not every extension: /api/queries/executions/<id>/results.csv is a route.
    '/((?!api/|_next/static|_next/image|favicon\\.ico|robots\\.txt|.*\\.(?:png|svg|ico|webmanifest)$).*)',
    // An API call with a Bearer token has no cookie to renew and no page to give a nonce: the
    // proxy would only add headers a JSON client ignores (next.config.js still sends the static
    // ones), at about a tenth of an order write's server CPU. The route handler authenticates it.
    { source: '/api/:path*', missing: [{ type: 'header', key: 'authorization' }] },
  ],
};
