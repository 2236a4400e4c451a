import type { APIRequestContext } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * The analytics page over orders that went through the whole local pipeline: every widget draws
 * its chart with data, and a new range (a custom one, then a preset) redraws them all. A month no
 * other test uses, in AUD, keeps these figures apart from other tests' orders.
 */

const line = (sku: string, category: string, quantity: number, unit_price_cents: number) => ({
  sku,
  name: `Product ${sku}`,
  category,
  quantity,
  unit_price_cents,
});

const orders = [
  { day: '2023-05-02T10:00:00Z', status: 'paid', region: 'NA', channel: 'web', items: [line('A-1', 'Audio', 2, 10_000)] },
  { day: '2023-05-04T15:00:00Z', status: 'shipped', region: 'EU', channel: 'store', items: [line('B-2', 'Books', 1, 2_550), line('A-1', 'Audio', 1, 10_000)] },
  { day: '2023-05-09T08:00:00Z', status: 'paid', region: 'APAC', channel: 'phone', items: [line('C-3', 'Cables', 4, 1_000)] },
  { day: '2023-05-15T12:00:00Z', status: 'shipped', region: 'LATAM', channel: 'partner', items: [line('A-1', 'Audio', 3, 10_000)] },
  { day: '2023-05-20T20:00:00Z', status: 'pending', region: 'NA', channel: 'web', items: [line('B-2', 'Books', 2, 2_550)] },
  { day: '2023-05-22T09:00:00Z', status: 'cancelled', region: 'EU', channel: 'web', items: [line('C-3', 'Cables', 1, 1_000)] },
];
// Revenue = paid + shipped: 20,000 + 12,550 + 4,000 + 30,000 cents.
const MAY_REVENUE = 'A$665.50';
// 2023-05-01..04 in UTC: the first two orders.
const EARLY_REVENUE = 'A$325.50';
// The same dates in Tokyo (UTC+9) end at 2023-05-04T15:00Z: the second order is on 5 May there.
const EARLY_TOKYO_REVENUE = 'A$200.00';

const QUERY = 'from=2023-05-01&to=2023-05-31&tz=UTC&currency=AUD';

async function waitForDelivery(request: APIRequestContext) {
  await expect
    .poll(
      async () => {
        const response = await request.get(`/api/analytics/summary?${QUERY}`);
        return response.ok() ? ((await response.json()) as { revenue_cents: number }).revenue_cents : -1;
      },
      { timeout: 45_000, message: 'the orders reach Athena through the pipeline' },
    )
    .toBe(66_550);
}

test('renders every chart with data, and a new range updates them', async ({ page, request }) => {
  for (const o of orders) {
    const response = await request.post('/api/orders', {
      data: {
        customer: { name: `Buyer ${o.region}`, email: `${o.region.toLowerCase()}@example.com` },
        region: o.region,
        channel: o.channel,
        status: o.status,
        currency: 'AUD',
        order_date: o.day,
        items: o.items,
      },
    });
    expect(response.status()).toBe(201);
  }
  await waitForDelivery(request);

  await page.goto(`/analytics?${QUERY}`);
  await expect(page.getByRole('heading', { name: 'Revenue analytics' })).toBeVisible();
  await expect(page.getByTestId('kpi-revenue_cents').getByTestId('kpi-value')).toHaveText(MAY_REVENUE);
  await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText('4');
  // Nothing in April: the change reads "New".
  await expect(page.getByTestId('kpi-revenue_cents')).toContainText('New');
  await expect(page.getByTestId('as-of')).not.toHaveText('no data delivered yet');

  // Every chart is drawn with data: bars in the time series and in each breakdown.
  await expect(page.getByTestId('timeseries-chart').locator('.recharts-bar-rectangle path').first()).toBeVisible();
  for (const widget of ['product', 'category', 'region', 'channel', 'status', 'customer']) {
    const chart = page.getByTestId(`widget-${widget}`).getByTestId('bar-chart');
    await expect(chart.locator('.recharts-bar-rectangle path').first(), widget).toBeVisible();
  }
  await expect(page.getByTestId('widget-region').getByTestId('bar-chart').locator('.recharts-bar-rectangle')).toHaveCount(4);
  await expect(page.getByTestId('widget-timeseries')).toContainText('Daily');

  // View as table: the figures behind a chart.
  const category = page.getByTestId('widget-category');
  await category.getByRole('button', { name: 'View as table' }).click();
  await expect(category.getByRole('row', { name: /Audio/ })).toContainText('A$600.00');

  // A custom range: 1–4 May. Every widget follows.
  await page.getByRole('combobox', { name: 'Date range' }).selectOption('custom');
  await page.getByLabel('From', { exact: true }).fill('2023-05-01');
  await page.getByLabel('To', { exact: true }).fill('2023-05-04');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/from=2023-05-01&to=2023-05-04/);
  await expect(page.getByTestId('kpi-revenue_cents').getByTestId('kpi-value')).toHaveText(EARLY_REVENUE);
  await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText('2');
  await expect(page.getByTestId('widget-region').getByTestId('bar-chart').locator('.recharts-bar-rectangle')).toHaveCount(2);
  await expect(category.getByRole('row', { name: /Audio/ })).toContainText('A$300.00');
  await expect(page.getByTestId('widget-timeseries')).toContainText('Daily');
  await expect(page.getByTestId('timeseries-chart').locator('.recharts-bar-rectangle path').first()).toBeVisible();

  // Tokyo's days: the order of 4 May 15:00 UTC falls on 5 May there, outside the range.
  await page.getByRole('combobox', { name: 'Time zone' }).selectOption('Asia/Tokyo');
  await expect(page).toHaveURL(/tz=Asia%2FTokyo/);
  await expect(page.getByTestId('kpi-revenue_cents').getByTestId('kpi-value')).toHaveText(EARLY_TOKYO_REVENUE);
  await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText('1');

  // Back restores the previous range.
  await page.goBack();
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(QUERY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(page.getByTestId('kpi-revenue_cents').getByTestId('kpi-value')).toHaveText(MAY_REVENUE);
});

test('a bad range in the API answers 400 with the reason', async ({ request }) => {
  const response = await request.get('/api/analytics/summary?from=2023-05-10&to=2023-05-01');
  expect(response.status()).toBe(400);
  expect(JSON.stringify(await response.json())).toContain('from must be on or before to');
});
