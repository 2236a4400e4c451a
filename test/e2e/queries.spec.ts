import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { uniqueName } from './helpers';

// 250 rows without depending on seeded data: more than one page of results (100 a page).
const ROWS = 250;
const SQL = `SELECT n AS day_number, n * ? AS revenue_cents\nFROM UNNEST(sequence(1, ${ROWS})) AS t(n)\nORDER BY n`;

test('create a saved query with a parameter → run → progress then rows → export every row → history → delete', async ({ page }) => {
  const name = uniqueName('Scaled days');
  await page.goto('/queries');
  const editor = page.getByTestId('sql-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');

  // Validation: nothing is saved without a name and SQL, and the reasons sit next to the fields.
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.locator('#query-name-error')).toHaveText('Give the query a name');
  await expect(page.locator('#sql-error')).toHaveText('Write the SQL to save');

  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Folder').fill('E2E');
  await page.getByLabel('Tags').fill('e2e, paging');
  await editor.locator('.cm-content').click();
  await page.keyboard.insertText(SQL);

  // One ? → one typed input.
  await expect(page.getByLabel('Parameter 1', { exact: true })).toBeVisible();
  await page.getByLabel('Type of parameter 1').selectOption('number');
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${name}”` })).toBeVisible();
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name })).toHaveAttribute('aria-current', 'true');
  await expect(library.getByRole('heading', { name: 'E2E' })).toBeVisible();

  // A wrong parameter value is refused next to its input, before anything runs.
  await page.getByLabel('Parameter 1', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.locator('#param-0-error')).toHaveText('Enter a value');

  await page.getByLabel('Parameter 1', { exact: true }).fill('100');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page).toHaveURL(/\/queries\?id=[\w-]+&p=100$/);

  // Progress, then rows.
  const progress = page.getByRole('status', { name: 'Query progress' });
  await expect(progress).toBeVisible();
  await expect(progress.getByTestId('run-state')).toHaveText('SUCCEEDED');
  await expect(progress.getByTestId('run-elapsed')).not.toBeEmpty();
  const table = page.getByTestId('results-table');
  // Pages of 100 as Athena pages: the first page's header row counts, so it holds 99 data rows.
  await expect(table.getByRole('row')).toHaveCount(100);
  await expect(table.getByRole('row').nth(1)).toContainText('100');
  await expect(page.getByTestId('rows-range')).toHaveText('Rows 1–99');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByTestId('rows-range')).toHaveText('Rows 100–199');
  await expect(table.getByRole('row').nth(1)).toContainText('10000');

  // The CSV export has every row, not just the page on screen.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV (all rows)' }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toBe('day_number,revenue_cents');
  expect(lines.slice(1)).toEqual(Array.from({ length: ROWS }, (_, i) => `${i + 1},${(i + 1) * 100}`));

  // The chart draws from the same result.
  await page.getByRole('tab', { name: 'chart' }).click();
  await expect(page.getByTestId('result-chart').locator('svg.recharts-surface')).toBeVisible();

  // History lists the run with its parameter, and re-runs it.
  const history = page.getByTestId('history-list');
  const entry = history.getByRole('listitem').filter({ hasText: 'UNNEST(sequence(1, 250))' }).first();
  await expect(entry).toContainText('SUCCEEDED');
  await expect(entry).toContainText('params 100');

  // Delete, with a confirmation; the library no longer lists it.
  await library.getByRole('button', { name }).click();
  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('button', { name: 'Confirm delete' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Deleted “${name}”` })).toBeVisible();
  await expect(library.getByRole('button', { name })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name })).toHaveCount(0);
});

test('a write statement gets its reason before it reaches Athena', async ({ page }) => {
  await page.goto('/queries');
  const editor = page.getByTestId('sql-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await editor.locator('.cm-content').click();
  await page.keyboard.insertText('WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x');
  await expect(page.getByTestId('guard-reason')).toContainText('feeds an INSERT');
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeDisabled();
});

test('a long query shows RUNNING and stops on Cancel', async ({ page }) => {
  await page.goto('/queries');
  const editor = page.getByTestId('sql-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await editor.locator('.cm-content').click();
  // Runs until stopped: DuckDB checks for interrupts between vectors.
  // 10^12 rows of Athena SQL: runs until it is stopped.
  await page.keyboard.insertText(
    'SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y) CROSS JOIN UNNEST(sequence(1, 10000)) c(z) WHERE (x + y + z) % 7 = 3',
  );
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const progress = page.getByRole('status', { name: 'Query progress' });
  await expect(progress.getByTestId('run-state')).toHaveText('RUNNING');
  await progress.getByRole('button', { name: 'Cancel' }).click();
  await expect(progress.getByTestId('run-state')).toHaveText('CANCELLED');
  await expect(page.getByRole('alert').filter({ hasText: 'Cancelled.' })).toBeVisible();
});

test('duplicate a saved query; a name already taken is refused next to the field', async ({ page, request }) => {
  const name = uniqueName('Original');
  const created = await request.post('/api/queries', { data: { name, description: 'to copy', sql: 'SELECT 1 AS one' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };

  await page.goto(`/queries?id=${id}`);
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('sql-editor')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Duplicated as “${name} (copy)”` })).toBeVisible();
  await expect(page).toHaveURL(/\/queries\?id=[\w-]+$/);
  const copyId = new URL(page.url()).searchParams.get('id')!;
  expect(copyId).not.toBe(id);

  await page.getByLabel('Name').fill(name.toUpperCase());
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.locator('#query-name-error')).toContainText('already exists');

  for (const queryId of [id, copyId]) expect((await request.delete(`/api/queries/${queryId}`)).status()).toBe(204);
});
