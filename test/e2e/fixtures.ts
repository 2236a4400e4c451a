import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { TOKENS_FILE, stateFile, type SeededUser } from './sign-in';

export { expect };

const tokens = (): Record<SeededUser, string> => JSON.parse(readFileSync(TOKENS_FILE, 'utf8'));

type Options = { as: SeededUser };

/**
 * Specs import `test` from here: the browser is signed in as `as` (admin unless a spec says
 * `test.use({ as: 'engineer' })`), and the `request` fixture is an API client sending that
 * user's Bearer access token, as scripts do.
 */
export const test = base.extend<Options>({
  as: ['admin', { option: true }],
  // Every page a spec opens is watched: a CSP violation anywhere fails the test.
  page: async ({ page }, provide) => {
    const violations = watchCsp(page);
    await provide(page);
    expect(violations, 'Content-Security-Policy violations in the console').toEqual([]);
  },
  storageState: async ({ as }, provide) => provide(stateFile(as)),
  request: async ({ playwright, baseURL, as }, provide) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${tokens()[as]}` } });
    await provide(context);
    await context.dispose();
  },
});

/** Console messages in which Chromium reports a blocked script, style, frame or connection. */
export function watchCsp(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (load|execute|apply|connect|frame)/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}
