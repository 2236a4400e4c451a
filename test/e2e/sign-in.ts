import { expect, type Page } from '@playwright/test';
import path from 'node:path';

export const SEEDED_USERS = ['sales', 'analyst', 'analyst2', 'engineer', 'admin'] as const;
export type SeededUser = (typeof SEEDED_USERS)[number];

/** Where the setup project keeps each user's signed-in browser state and access token. */
// Playwright runs from the repository root.
// Beside the run's other output, so two runs on one machine (E2E_OUTPUT_DIR) keep their sessions apart.
export const AUTH_DIR = path.resolve(process.env.E2E_OUTPUT_DIR ?? 'test-results', '.auth');
export const stateFile = (user: SeededUser) => path.join(AUTH_DIR, `${user}.json`);
export const TOKENS_FILE = path.join(AUTH_DIR, 'tokens.json');

export const passwordOf = (user: string) => `local-${user}`;

/** Signs in through the local provider's real sign-in page, starting from `path`, and returns there. */
export async function signInThroughPage(page: Page, user: string, path = '/orders') {
  await page.goto(path);
  await expect(page.getByRole('heading', { name: 'Sign in to Sales CDC' })).toBeVisible();
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(passwordOf(user));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(user);
}
