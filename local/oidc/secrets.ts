import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';

/**
 * What the local provider and the dashboard must keep across restarts so sessions and tokens
 * survive them: the token signing key, the provider's cookie keys and the session secret. All
 * live in `<data dir>/auth/`, owner-only; with no data dir they are made fresh for this run.
 */
function persisted<T>(dataDir: string | undefined, name: string, make: () => Promise<T> | T): Promise<T> {
  if (!dataDir) return Promise.resolve(make());
  const file = path.join(dataDir, 'auth', name);
  if (existsSync(file)) return Promise.resolve(JSON.parse(readFileSync(file, 'utf8')) as T);
  return Promise.resolve(make()).then((value) => {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
    return value;
  });
}

/** One RS256 signing key, as Cognito uses. */
export function loadSigningKeys(dataDir: string | undefined): Promise<{ keys: JWK[] }> {
  return persisted(dataDir, 'jwks.json', async () => {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
    const jwk = await exportJWK(privateKey);
    return { keys: [{ ...jwk, kid: randomBytes(8).toString('hex'), alg: 'RS256', use: 'sig' }] };
  });
}

export function loadCookieKeys(dataDir: string | undefined): Promise<string[]> {
  return persisted(dataDir, 'cookie-keys.json', () => [randomBytes(32).toString('base64url')]);
}

/** The dashboard's SESSION_SECRET. */
export function loadSessionSecret(dataDir: string | undefined): Promise<string> {
  return persisted(dataDir, 'session-secret.json', () => randomBytes(32).toString('base64url'));
}
