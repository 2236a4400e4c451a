import AxeBuilder from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { orderInput } from '../support/orders';
import { pagesFor } from './pages';
import { SEEDED_USERS } from './sign-in';

/**
 * axe-core on every page each role may open, in the light and the dark colour scheme: no
 * violation of the WCAG 2.1 A and AA rules and best practices (contrast included) that is
 * serious, critical or moderate. Only minor findings are let through. The pages are checked
 * empty and again with an order, its analytics and a query's results on screen. Reported by
 * rule, with the offending elements, so a failure says what to fix. And motion stops for people
 * who ask for less.
 */

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
const FAILING_IMPACTS = new Set(['moderate', 'serious', 'critical']);

/** The violations on the page as it is now, one line each. */
async function violationsOn(page: Page, label: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return violations
    .filter((v) => FAILING_IMPACTS.has(v.impact ?? ''))
    .map(
      (v) =>
        `${label} ${v.impact} ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')} — ${v.nodes[0]?.failureSummary?.split('\n')[1] ?? v.help}`,
    );
}

async function open(page: Page, url: string) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
}

/** Roles in the light scheme; the dark scheme with admin, who may open every page. */
const RUNS = [...SEEDED_USERS.map((user) => ({ user, colorScheme: 'light' as const })), { user: 'admin' as const, colorScheme: 'dark' as const }];

for (const { user, colorScheme } of RUNS) {
  test.describe(`as ${user}, ${colorScheme}`, () => {
    test.use({ as: user, colorScheme });

    test('no moderate, serious or critical axe violation on any page', async ({ page }) => {
      const found: string[] = [];
      for (const url of pagesFor(user)) {
        await open(page, url);
        found.push(...(await violationsOn(page, url)));
      }
      expect(found).toEqual([]);
    });
  });
}

/** A paid order in `month` (YYYY-MM, one no other test uses), once Athena sees it; returns its id. */
async function deliveredOrder(request: APIRequestContext, month: string): Promise<string> {
  const response = await request.post('/api/orders', {
    data: orderInput({
      customer: { name: 'Axe Buyer', email: 'axe@example.com' },
      status: 'paid',
      order_date: `${month}-10T10:00:00Z`,
      items: [{ sku: 'AX-1', name: 'Axe check', category: 'Audio', quantity: 2, unit_price_cents: 1_250 }],
    }),
  });
  expect(response.status()).toBe(201);
  const { order_id: id } = (await response.json()) as { order_id: string };
  await expect
    .poll(
      async () => {
        const summary = await request.get(`/api/analytics/summary?from=${month}-01&to=${month}-28&tz=UTC&currency=USD`);
        return summary.ok() ? ((await summary.json()) as { orders: number }).orders : -1;
      },
      { timeout: 45_000, message: 'the order reaches Athena through the pipeline' },
    )
    .toBe(1);
  return id;
}

for (const [colorScheme, month] of [
  ['light', '2021-03'],
  ['dark', '2021-04'],
] as const) {
  test.describe(`with data, ${colorScheme}`, () => {
    test.use({ colorScheme });

    test('no moderate, serious or critical axe violation on the orders, an order, analytics and query results', async ({
      page,
      request,
    }) => {
      const id = await deliveredOrder(request, month);
      const found: string[] = [];

      await open(page, '/orders');
      // Newest first, so the row on top may be another test's order: any row will do.
      await expect(page.locator('tbody a[href^="/orders/"]').first()).toBeVisible();
      found.push(...(await violationsOn(page, '/orders')));

      await open(page, `/orders/${id}`);
      await expect(page.getByTestId('order-version')).toBeVisible();
      found.push(...(await violationsOn(page, '/orders/[id]')));

      await open(page, `/analytics?from=${month}-01&to=${month}-28&tz=UTC&currency=USD`);
      await expect(page.getByTestId('kpi-orders').getByTestId('kpi-value')).toHaveText('1');
      await expect(page.getByTestId('timeseries-chart').locator('.recharts-bar-rectangle path').first()).toBeVisible();
      found.push(...(await violationsOn(page, '/analytics')));

      await open(page, `/queries?${new URLSearchParams({ name: 'Orders by status' })}`);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(page.getByTestId('results-table').getByRole('row', { name: /paid/ })).toBeVisible();
      found.push(...(await violationsOn(page, '/queries results')));
      await page.getByRole('tab', { name: 'chart' }).click();
      await expect(page.getByTestId('result-chart').locator('svg.recharts-surface')).toBeVisible();
      found.push(...(await violationsOn(page, '/queries chart')));

      expect(found).toEqual([]);
    });
  });
}

test.describe('the sign-in page', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`has no moderate, serious or critical axe violation, ${colorScheme}`, async ({ browser, baseURL }) => {
      // Signed out: without this, the new context would take the signed-in state `test.use` sets.
      const context = await browser.newContext({ baseURL, colorScheme, storageState: { cookies: [], origins: [] } });
      const page = await context.newPage();
      await page.goto('/orders');
      await expect(page.getByRole('heading', { name: 'Sign in to Sales CDC' })).toBeVisible();
      expect(await violationsOn(page, 'sign-in')).toEqual([]);
      await context.close();
    });
  }
});

/** The pulse of a loading skeleton (Tailwind's animate-pulse, used by skeletons and live dots). */
async function pulse(page: Page) {
  await page.goto('/orders');
  return page.evaluate(() => {
    const probe = document.createElement('div');
    probe.className = 'animate-pulse';
    document.body.append(probe);
    const { animationDuration, animationIterationCount } = getComputedStyle(probe);
    probe.remove();
    return { animationDuration, animationIterationCount };
  });
}

test.describe('with reduced motion asked for', () => {
  test.use({ reducedMotion: 'reduce' });

  test('nothing pulses', async ({ page }) => {
    expect(await pulse(page)).toEqual({ animationDuration: '1e-05s', animationIterationCount: '1' });
  });
});

test.describe('without', () => {
  test.use({ reducedMotion: 'no-preference' });

  test('skeletons pulse', async ({ page }) => {
    expect(await pulse(page)).toEqual({ animationDuration: '2s', animationIterationCount: 'infinite' });
  });
});
