import * as oidc from 'openid-client';
import { CLI_CLIENT_ID, CLI_REDIRECT_URI } from './clients';
import { seededPassword } from './users';

/**
 * Signs a user in without a browser, through the provider's real sign-in page: the
 * authorization-code flow with PKCE, the form POST with the password, the redirects (with the
 * provider's cookies), then the code exchange. Tests, benchmarks and `npm run token` use it; there
 * is no shortcut endpoint.
 */
export type HeadlessSignIn = {
  issuer: string;
  username: string;
  password: string;
  clientId?: string;
  redirectUri?: string;
};

export type SignedIn = { access_token: string; id_token: string; refresh_token?: string; expires_in: number };

export class SignInRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SignInRefused';
  }
}

const MAX_REDIRECTS = 10;

export async function signInHeadless({ issuer, username, password, clientId = CLI_CLIENT_ID, redirectUri = CLI_REDIRECT_URI }: HeadlessSignIn): Promise<SignedIn> {
  const options = issuer.startsWith('http://') ? { execute: [oidc.allowInsecureRequests] } : undefined;
  const config = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.None(), options);
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const start = oidc.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const jar = new Map<string, string>();
  let page = await follow(start, jar, redirectUri);
  if (page.kind === 'callback') throw new SignInRefused('the provider skipped its sign-in page');
  const action = /<form[^>]*action="([^"]+)"/.exec(page.html)?.[1];
  if (!action) throw new SignInRefused(`no sign-in form at ${page.url}`);
  page = await follow(new URL(action.replace(/&amp;/g, '&'), page.url), jar, redirectUri, {
    method: 'POST',
    body: new URLSearchParams({ username, password }),
  });
  if (page.kind !== 'callback') {
    const reason = /role="alert">([^<]+)</.exec(page.html)?.[1] ?? 'no code came back';
    throw new SignInRefused(`sign-in refused for ${username}: ${reason.toLowerCase().replace(/\.$/, '')}`);
  }
  const tokens = await oidc.authorizationCodeGrant(config, page.url, { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce, idTokenExpected: true });
  return { access_token: tokens.access_token, id_token: tokens.id_token!, refresh_token: tokens.refresh_token, expires_in: tokens.expires_in ?? 3600 };
}

type Landing = { kind: 'page'; url: URL; html: string } | { kind: 'callback'; url: URL };

/** Follows redirects by hand, keeping cookies, until a page or the redirect URI. */
async function follow(url: URL, jar: Map<string, string>, redirectUri: string, init?: { method: string; body: URLSearchParams }): Promise<Landing> {
  let next = url;
  let request = init;
  for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
    if (next.href.startsWith(redirectUri)) return { kind: 'callback', url: next };
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(next, {
      method: request?.method ?? 'GET',
      body: request?.body,
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (eq > 0) jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      next = new URL(location, next);
      request = undefined;
      await response.body?.cancel();
      continue;
    }
    return { kind: 'page', url: next, html: await response.text() };
  }
  throw new SignInRefused('too many redirects');
}

/** A seeded user (password `local-<name>`) signed in through the page, as the test and bench suites do. */
export function signInSeeded(issuer: string, username: string): Promise<SignedIn> {
  return signInHeadless({ issuer, username, password: seededPassword(username) });
}
