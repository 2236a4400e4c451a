import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { orderInput } from '../support/orders';
import { pagesFor } from './pages';
import { SEEDED_USERS, TOKENS_FILE, type SeededUser } from './sign-in';

/**
 * A 390 × 844 phone: for each role, every page it may open, an order's page and (for writers)
 * its edit form fit the screen (the page itself never scrolls sideways; wide tables scroll inside
 * their own box), and the main navigation is a menu that opens by tap and navigates.
 */

const PHONE = { width: 390, height: 844 };

/**
 * How wide the page lays out. Compared with the phone's width, not innerWidth: a mobile browser
 * widens its layout viewport (and zooms out) to fit content that overflows.
 */
const layoutWidth = (page: Page) =>
  page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth));

/** One order with long lines, so the tables have rows to be too wide with. */
let orderId = '';
test.beforeAll(async ({ playwright, baseURL }) => {
  const tokens = JSON.parse(readFileSync(TOKENS_FILE, 'utf8')) as Record<SeededUser, string>;
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${tokens.sales}` } });
  const response = await api.post('/api/orders', {
    data: orderInput({
      customer: { name: 'Phone Layout Customer With A Long Name', email: 'phone.layout.customer@example.com' },
      status: 'paid',
      currency: 'EUR',
      order_date: '2024-03-04T10:00:00Z',
      items: [
        { sku: 'LONG-SKU-0001', name: 'A product with a rather long descriptive name', category: 'Accessories', quantity: 12, unit_price_cents: 123_456 },
      ],
    }),
  });
  expect(response.status()).toBe(201);
  orderId = ((await response.json()) as { order_id: string }).order_id;
  await api.dispose();
});

for (const role of SEEDED_USERS) {
  test.describe(`as ${role}`, () => {
    test.use({ as: role, viewport: PHONE, hasTouch: true, isMobile: true });

    test('no page scrolls sideways', async ({ page }) => {
      const order = [`/orders/${orderId}`, ...(pagesFor(role).includes('/orders/new') ? [`/orders/${orderId}/edit`] : [])];
      for (const url of [...pagesFor(role), ...order]) {
        await page.goto(url);
        await page.waitForLoadState('networkidle');
        const width = await layoutWidth(page);
        expect(width, `${url} is ${width} px wide on a ${PHONE.width} px phone`).toBeLessThanOrEqual(PHONE.width);
      }
    });
  });
}

test.describe('the phone menu', () => {
  test.use({ as: 'admin', viewport: PHONE, hasTouch: true, isMobile: true });

  test('opens by tap, lists every section, and closes after navigating', async ({ page }) => {
    await page.goto('/orders');
    const menu = page.getByTestId('mobile-nav');
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    await menu.getByText('Menu').tap();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveText(['Orders', 'Live feed', 'Pipeline', 'Analytics', 'Queries']);
    await nav.getByRole('link', { name: 'Queries' }).tap();
    await expect(page).toHaveURL(/\/queries$/);
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
  });
});
