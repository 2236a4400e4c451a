import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import type { TestProject } from 'vitest/node';
import { signInSeeded } from '@/local/oidc/headless-sign-in';
import { startLocalOidc } from '@/local/oidc/server';
import { startLocalAws } from '@/local/stack';
import { SEEDED_USERS, type SeededUser } from './auth';
import { BASE_URL } from './api';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Environment that points the app at the run's local AWS and its sign-in provider. */
    localAwsEnv: Record<string, string>;
    /** The provider's private signing key, so token tests can mint tokens that differ in one claim. */
    oidcSigningKey: JWK;
  }
}

/**
 * One in-memory local AWS and one local OIDC provider for the whole integration run. Each
 * seeded user signs in once through the provider's page; test/support/auth hands out the tokens.
 */
export default async function setup(project: TestProject) {
  // The provider keeps its keys in a throwaway dir, where the token tests can read the signing key.
  const oidcDir = mkdtempSync(path.join(os.tmpdir(), 'sales-cdc-oidc-'));
  const [localAws, oidc] = await Promise.all([
    startLocalAws({ port: 0 }),
    startLocalOidc({ port: 0, dataDir: oidcDir, appUrls: [BASE_URL] }),
  ]);
  const tokens = {} as Record<SeededUser, string>;
  for (const user of SEEDED_USERS) {
    tokens[user] = (await signInSeeded(oidc.issuer, user)).access_token;
  }
  project.provide('localAwsEnv', { ...localAws.env, ...oidc.env, APP_URL: BASE_URL });
  project.provide('authTokens', tokens);
  project.provide('oidcSigningKey', JSON.parse(readFileSync(path.join(oidcDir, 'auth', 'jwks.json'), 'utf8')).keys[0]);
  return async () => {
    await Promise.all([localAws.stop(), oidc.stop()]);
    rmSync(oidcDir, { recursive: true, force: true });
  };
}
