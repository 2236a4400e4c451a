import { expect, test } from './fixtures';
import { openForm, uniqueName } from './helpers';

const order = (name: string, status: string, orderDate: string) => ({
  customer: { name, email: 'list@example.com' },
  region: 'NA',
  channel: 'web',
  status,
  currency: 'USD',
  order_date: orderDate,
  items: [{ sku: 'SKU-1', name: 'Thing', category: 'Stuff', quantity: 1, unit_price_cents: 1000 }],
});

test('filters by status and date, pages with a cursor, and shows totals', async ({ page, request }) => {
  const tag = uniqueName('Paging');
  for (let day = 1; day <= 30; day++) {
    const status = day % 3 === 0 ? 'shipped' : 'pending';
    const date = `2024-03-${String(day).padStart(2, '0')}T12:00:00Z`;
    expect((await request.post('/api/orders', { data: order(`${tag} ${day}`, status, date) })).status()).toBe(201);
  }

  await openForm(page, `/orders?q=${encodeURIComponent(tag)}`);
  await expect(page.getByTestId('orders-summary')).toContainText('30 orders match');
  await expect(page.getByTestId('orders-summary')).toContainText('$300.00');
  const rows = page.getByRole('row').filter({ hasText: tag });
  await expect(rows).toHaveCount(25);
  await expect(rows.first()).toContainText(`${tag} 30`);
  await page.getByRole('button', { name: 'Load more' }).click();
  await expect(rows).toHaveCount(30);
  await expect(page.getByRole('button', { name: 'Load more' })).toHaveCount(0);

  await page.getByLabel('Status').selectOption('shipped');
  await expect(page).toHaveURL(/status=shipped/);
  await expect(rows).toHaveCount(10);
  await page.getByLabel('From (UTC)').fill('2024-03-10');
  await page.getByLabel('To (UTC)').fill('2024-03-20');
  await expect(rows).toHaveCount(3); // shipped on the 12th, 15th and 18th
  await expect(rows.first()).toContainText(`${tag} 18`);
  await page.getByRole('button', { name: /Sort by order date/ }).click();
  await expect(rows.first()).toContainText(`${tag} 12`);
  await expect(page.getByTestId('loaded-total')).toHaveText('$30.00');
});
