import { expect, test } from './fixtures';
import { expectVersion, openForm, uniqueName } from './helpers';

const order = (customer: string) => ({
  customer: { name: customer, email: 'history@example.com' },
  region: 'EU',
  channel: 'web',
  status: 'pending',
  currency: 'USD',
  items: [
    { sku: 'LAP-13', name: 'Laptop 13', category: 'Computers', quantity: 2, unit_price_cents: 129_900 },
    { sku: 'MOU-WL', name: 'Wireless Mouse', category: 'Accessories', quantity: 1, unit_price_cents: 4_999 },
  ],
});

// Firehose delivers locally within seconds; the history polls while the change log is behind.
const DELIVERY = { timeout: 30_000 };

test('an edit in the browser shows in the order history: who, and OLD → NEW', async ({ page, request }) => {
  const created = await request.post('/api/orders', { data: order(uniqueName('History Ada')) });
  expect(created.status()).toBe(201);
  const { order_id: orderId } = (await created.json()) as { order_id: string };

  // Edit in the browser: pending → paid, 2 → 3 laptops.
  await openForm(page, `/orders/${orderId}/edit`);
  await page.getByLabel('Status').selectOption('paid');
  await page.locator('#items-0-quantity').fill('3');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}\\?saved=updated$`));
  await expectVersion(page, 2);

  const history = page.getByRole('region', { name: 'History' });
  const edit = history.locator('[data-testid="history-entry"][data-version="2"]');
  await expect(edit).toHaveAttribute('data-event', 'edited', DELIVERY);
  await expect(edit).toContainText('by admin');
  await expect(edit.getByTestId('history-change').filter({ hasText: 'Status' })).toContainText(
    'pending → paid',
  );
  await expect(edit.getByTestId('history-change').filter({ hasText: 'Total' })).toContainText(
    '$2,647.99 → $3,946.99',
  );
  await expect(history.getByTestId('history-freshness')).toHaveCount(0);

  // The create sits below it, oldest last.
  const entries = history.getByTestId('history-entry');
  await expect(entries).toHaveCount(2);
  await expect(entries.last()).toHaveAttribute('data-event', 'created');
  await expect(entries.last()).toContainText('by admin');
  await expect(entries.last()).toContainText('$2,647.99');
});

test('a deleted order keeps its page: who deleted it, and its history', async ({ page, request }) => {
  const created = await request.post('/api/orders', { data: order(uniqueName('History Gone')) });
  const { order_id: orderId } = (await created.json()) as { order_id: string };
  await page.goto(`/orders/${orderId}`);
  // Wait for the create to be queryable, so the page of the deleted order has a history to show.
  await expect(page.locator('[data-testid="history-entry"][data-version="1"]')).toBeVisible(DELIVERY);

  expect((await request.delete(`/api/orders/${orderId}?version=1`)).status()).toBe(204);
  await page.goto(`/orders/${orderId}`);
  await expect(page.getByRole('heading', { name: 'Deleted order' })).toBeVisible();
  const deleted = page.locator('[data-testid="history-entry"][data-event="deleted"]');
  await expect(deleted).toContainText('by admin', DELIVERY);
  await expect(deleted).toHaveAttribute('data-version', '2');
  await expect(page.getByTestId('history-entry')).toHaveCount(2);
});
