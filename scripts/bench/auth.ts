/**
 * What authentication costs per request, in-process against the local OIDC provider:
 *
 * - Bearer, a token seen for the first time: `authenticate()` on `Authorization: Bearer <access
 *   token>`, i.e. RS256 signature, iss/exp/client_id/token_use checks and the claims → caller
 *   mapping, with the JWKS cached as in a running server (the very first call, which fetches
 *   discovery and the JWKS, is reported apart). Each sample is a token of its own sign-in.
 * - Bearer, the same token again: what an API client pays per request once its token was
 *   verified (lib/auth/access-token.ts remembers verified tokens until they expire).
 * - Cookie: `authenticate()` on the encrypted session cookie (A256GCM) a browser sends.
 *
 *   npx tsx --conditions=react-server scripts/bench/auth.ts [--iterations 2000]
 */
import { authenticate } from '../../lib/auth/authenticate';
import { resetIssuer } from '../../lib/auth/issuer';
import { sealSession, SESSION_COOKIE } from '../../lib/auth/session-cookie';
import { resetConfig } from '../../lib/config';
import { signInSeeded } from '../../local/oidc/headless-sign-in';
import { startLocalOidc, type LocalOidc } from '../../local/oidc/server';
import { runWhenMain } from './cli';
import { round, summarize, type LatencySummary } from './stats';

export const AUTH_TARGETS = { bearer_verify_p50_ms: 2 } as const;

export type AuthBench = {
  measured_through: string;
  iterations: number;
  bearer_first_call_ms: number;
  /** Verification of a token not seen before (one sign-in per sample). */
  bearer_new_token_ms: LatencySummary;
  new_tokens: number;
  /** The same token again: the verified-token cache. */
  bearer_ms: LatencySummary;
  cookie_ms: LatencySummary;
  targets: typeof AUTH_TARGETS;
  pass: boolean;
};

/** The app URL the in-process handlers believe they serve; nothing listens there. */
const APP_URL = 'http://127.0.0.1:3999';

/**
 * Points this process's lib/ at a fresh local provider (AUTH_* and SESSION_SECRET, as the
 * launcher sets them for Next) and signs seeded users in through its page on demand.
 */
export async function startBenchIdentity(): Promise<{ oidc: LocalOidc; bearer: (user: string) => Promise<string>; stop: () => Promise<void> }> {
  const oidc = await startLocalOidc({ port: 0, appUrls: [APP_URL] });
  Object.assign(process.env, oidc.env, { APP_URL });
  resetConfig();
  resetIssuer();
  const bearer = async (user: string) =>
    `Bearer ${(await signInSeeded(oidc.issuer, user)).access_token}`;
  return { oidc, bearer, stop: () => oidc.stop() };
}

async function time(run: () => Promise<unknown>, iterations: number): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await run();
    samples.push(performance.now() - t0);
  }
  return samples;
}

export async function benchmarkAuth(options: { iterations: number; newTokens?: number }): Promise<AuthBench> {
  const { iterations, newTokens = 60 } = options;
  const identity = await startBenchIdentity();
  try {
    const bearerHeaders = new Headers({ authorization: await identity.bearer('analyst') });
    const expect = async (headers: Headers) => {
      const caller = await authenticate(headers);
      if (caller?.username !== 'analyst') throw new Error(`authenticate() gave ${caller?.username}, not analyst`);
    };
    const first = await time(() => expect(bearerHeaders), 1);
    await time(() => expect(bearerHeaders), 100); // warm-up: JIT, key import cache
    const bearer = await time(() => expect(bearerHeaders), iterations);
    const fresh: number[] = [];
    for (let i = 0; i < newTokens; i++) {
      const headers = new Headers({ authorization: await identity.bearer('analyst') });
      fresh.push(...(await time(() => expect(headers), 1)));
    }
    // The first few run before the JIT has compiled the verification path.
    const freshMs = summarize(fresh.slice(Math.min(10, fresh.length - 1)));

    const secret = identity.oidc.env.SESSION_SECRET;
    if (!secret) throw new Error('the local provider gave no SESSION_SECRET');
    const cookie = await sealSession(
      { sub: 'analyst', username: 'analyst', groups: ['analyst'], tokens_exp: Math.floor(Date.now() / 1000) + 3600 },
      secret,
    );
    const cookieHeaders = new Headers({ cookie: `${SESSION_COOKIE}=${cookie}` });
    await time(() => expect(cookieHeaders), 100);
    const cookieSamples = await time(() => expect(cookieHeaders), iterations);

    const bearerMs = summarize(bearer);
    return {
      measured_through: 'lib/auth/authenticate in-process: Bearer new token = jose jwtVerify (RS256, cached JWKS) + claim checks; Bearer again = the verified-token cache; cookie = jose jwtDecrypt (dir, A256GCM)',
      iterations,
      bearer_first_call_ms: round(first[0]!),
      bearer_new_token_ms: freshMs,
      new_tokens: fresh.length,
      bearer_ms: bearerMs,
      cookie_ms: summarize(cookieSamples),
      targets: AUTH_TARGETS,
      pass: freshMs.p50 <= AUTH_TARGETS.bearer_verify_p50_ms && bearerMs.p50 <= AUTH_TARGETS.bearer_verify_p50_ms,
    };
  } finally {
    await identity.stop();
  }
}

runWhenMain(import.meta.url, (arg) => benchmarkAuth({ iterations: Number(arg('iterations', '2000')) }));
