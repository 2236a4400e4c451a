import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { uniqueName } from './helpers';
import { TOKENS_FILE } from './sign-in';

test.use({ as: 'analyst' });

test('the history shows my own runs by me, and everyone’s with the toggle', async ({ page, playwright, baseURL }) => {
  const tag = uniqueName('history').replace(/\W/g, '_').toLowerCase();
  // Someone else's run, started as an API client would (the admin's Bearer token).
  const token = (JSON.parse(readFileSync(TOKENS_FILE, 'utf8')) as Record<string, string>).admin;
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await admin.post('/api/queries/run', { data: { sql: `SELECT 1 AS admin_${tag}` } })).status()).toBe(200);
  await admin.dispose();

  await page.goto('/queries');
  const editor = page.getByTestId('sql-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await editor.locator('.cm-content').click();
  await page.keyboard.insertText(`SELECT 2 AS analyst_${tag}`);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Query progress' }).getByTestId('run-state')).toHaveText('SUCCEEDED');

  const history = page.getByRole('region', { name: 'History' });
  const mine = history.getByRole('button', { name: 'Mine' });
  const everyone = history.getByRole('button', { name: 'Everyone' });
  const own = history.getByRole('listitem').filter({ hasText: `analyst_${tag}` });
  const theirs = history.getByRole('listitem').filter({ hasText: `admin_${tag}` });

  // Mine by default: my run, by me, and nobody else's.
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
  await expect(own).toHaveCount(1);
  await expect(own.getByTestId('run-by')).toHaveText('by analyst');
  await expect(theirs).toHaveCount(0);
  expect(new Set(await history.getByTestId('run-by').allTextContents())).toEqual(new Set(['by analyst']));

  // Everyone: the admin's run appears beside mine, each with who ran it.
  await everyone.click();
  await expect(everyone).toHaveAttribute('aria-pressed', 'true');
  await expect(mine).toHaveAttribute('aria-pressed', 'false');
  await expect(theirs.getByTestId('run-by')).toHaveText('by admin');
  await expect(own.getByTestId('run-by')).toHaveText('by analyst');
  await history.screenshot({ path: test.info().outputPath('history-everyone.png') });

  await mine.click();
  await expect(theirs).toHaveCount(0);
  await expect(own).toHaveCount(1);
  await history.screenshot({ path: test.info().outputPath('history-mine.png') });
});
