import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { uniqueName } from './helpers';
import { TOKENS_FILE } from './sign-in';

/**
 * An analyst's own query in Athena's dialect (typed-time literals, date_trunc over a timestamp,
 * CROSS JOIN UNNEST with field aliases) over orders that went through the whole local pipeline.
 * A month and currency no other test uses keep these rows apart from other tests' orders.
 */

test.use({ as: 'analyst' });

const line = (sku: string, category: string, quantity: number, unit_price_cents: number) => ({
  sku,
  name: `Product ${sku}`,
  category,
  quantity,
  unit_price_cents,
});

const orders = [
  { day: '2021-07-05T09:30:00Z', status: 'paid', items: [line('A-1', 'Audio', 2, 10_000), line('B-2', 'Books', 1, 2_550)] },
  { day: '2021-07-05T18:00:00Z', status: 'shipped', items: [line('A-1', 'Audio', 1, 10_000)] },
  { day: '2021-07-06T12:00:00Z', status: 'paid', items: [line('B-2', 'Books', 3, 2_550)] },
];
// Every order is paid or shipped, so the summary's revenue is every line: 20,000 + 2,550 + 10,000 + 7,650.
const JULY_REVENUE_CENTS = 40_200;

const SQL = [
  "SELECT date_trunc('day', order_date) AS day, t.category, sum(t.quantity * t.unit_price_cents) AS revenue_cents",
  'FROM sales_cdc.orders_current CROSS JOIN UNNEST(items) AS t(sku, name, category, quantity, unit_price_cents)',
  "WHERE currency = 'GBP' AND order_date >= TIMESTAMP '2021-07-01 00:00:00' AND order_date < TIMESTAMP '2021-08-01 00:00:00'",
  'GROUP BY 1, 2',
  'ORDER BY 1, 2',
].join('\n');

test('an analyst saves and runs a query in Athena’s dialect → timestamps and categories in the table → chart → reopened with the same SQL', async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  // Analysts cannot write orders: the seeded sales user does, as an API client would.
  const token = (JSON.parse(readFileSync(TOKENS_FILE, 'utf8')) as Record<string, string>).sales;
  const sales = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  for (const o of orders) {
    const response = await sales.post('/api/orders', {
      data: {
        customer: { name: 'Dialect Buyer', email: 'dialect@example.com' },
        region: 'EU',
        channel: 'web',
        status: o.status,
        currency: 'GBP',
        order_date: o.day,
        items: o.items,
      },
    });
    expect(response.status()).toBe(201);
  }
  await sales.dispose();
  await expect
    .poll(
      async () => {
        const response = await request.get('/api/analytics/summary?from=2021-07-01&to=2021-07-31&tz=UTC&currency=GBP');
        return response.ok() ? ((await response.json()) as { revenue_cents: number }).revenue_cents : -1;
      },
      { timeout: 45_000, message: 'the orders reach Athena through the pipeline' },
    )
    .toBe(JULY_REVENUE_CENTS);

  const name = uniqueName('Daily category revenue');
  await page.goto('/queries');
  const editor = page.getByTestId('sql-editor');
  await expect(editor).toHaveAttribute('data-ready', 'true');
  await page.getByLabel('Name').fill(name);
  await editor.locator('.cm-content').click();
  await page.keyboard.insertText(SQL);
  await page.getByRole('button', { name: 'Save query' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Saved “${name}”` })).toBeVisible();
  await expect(page).toHaveURL(/\/queries\?id=[\w-]+$/);
  const id = new URL(page.url()).searchParams.get('id')!;
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('button', { name })).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Query progress' }).getByTestId('run-state')).toHaveText('SUCCEEDED');

  // Athena prints a timestamp as `YYYY-MM-DD HH:MM:SS.fff`; date_trunc leaves midnight.
  const table = page.getByTestId('results-table');
  await expect(table.getByRole('columnheader')).toHaveText(['day timestamp', 'category varchar', 'revenue_cents bigint']);
  await expect(table.getByRole('row')).toHaveCount(4);
  await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText(['2021-07-05 00:00:00.000', 'Audio', '30000']);
  await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText(['2021-07-05 00:00:00.000', 'Books', '2550']);
  await expect(table.getByRole('row').nth(3).getByRole('cell')).toHaveText(['2021-07-06 00:00:00.000', 'Books', '7650']);
  await expect(page.getByTestId('rows-range')).toHaveText('Rows 1–3');

  // The chart draws the same rows: one bar each, days along the x axis.
  await page.getByRole('tab', { name: 'chart' }).click();
  const chart = page.getByTestId('result-chart');
  await expect(chart.locator('svg.recharts-surface')).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle')).toHaveCount(3);
  await expect(page.getByLabel('X axis')).toHaveValue('0');
  await expect(chart.locator('.recharts-xAxis-tick-labels')).toContainText('2021-07-05 00:00:00.000');

  // Reopened from the library on a fresh page, the editor holds the SQL as saved, line for line.
  await page.goto('/queries');
  await expect(page.getByTestId('sql-editor')).toHaveAttribute('data-ready', 'true');
  await page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name }).click();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('sql-editor').locator('.cm-line')).toHaveText(SQL.split('\n'));

  expect((await request.delete(`/api/queries/${id}`)).status()).toBe(204);
});
