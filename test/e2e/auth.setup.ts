import { test as setup } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { signInHeadless } from '@/local/oidc/headless-sign-in';
import { AUTH_DIR, SEEDED_USERS, TOKENS_FILE, passwordOf, signInThroughPage, stateFile } from './sign-in';

const issuer = `http://127.0.0.1:${process.env.E2E_OIDC_PORT ?? 4598}`;

/** Each seeded user signs in once through the real sign-in page; the specs reuse the browser state. */
for (const user of SEEDED_USERS) {
  setup(`sign in as ${user}`, async ({ page }) => {
    mkdirSync(AUTH_DIR, { recursive: true });
    await signInThroughPage(page, user);
    await page.context().storageState({ path: stateFile(user) });
  });
}

setup('access tokens for the API client', async () => {
  const tokens: Record<string, string> = {};
  for (const user of SEEDED_USERS) {
    tokens[user] = (await signInHeadless({ issuer, username: user, password: passwordOf(user) })).access_token;
  }
  mkdirSync(AUTH_DIR, { recursive: true });
  writeFileSync(TOKENS_FILE, JSON.stringify(tokens), { mode: 0o600 });
});
