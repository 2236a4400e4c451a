import { expect, test } from './fixtures';
import { fillLine, openForm, uniqueName } from './helpers';

test('invalid input shows messages next to the fields and writes nothing', async ({ page, request }) => {
  const customer = uniqueName('Invalid Input');
  await openForm(page, '/orders/new');
  await page.getByLabel('Customer name').fill(customer);
  await page.getByLabel('Customer email').fill('not-an-email');
  await fillLine(page, 0, { sku: 'bad sku!', name: 'Thing', category: 'Stuff', quantity: '0', price: '12.345' });
  await page.getByRole('button', { name: 'Create order' }).click();

  await expect(page.locator('#customer-email-error')).toHaveText('Email is not a valid address');
  await expect(page.locator('#items-0-sku-error')).toHaveText('SKU may contain only letters, digits, . _ -');
  await expect(page.locator('#items-0-quantity-error')).toHaveText('Quantity must be at least 1');
  await expect(page.locator('#items-0-unit_price-error')).toHaveText('Unit price must be an amount like 12.99');
  await expect(page.getByLabel('Customer email')).toHaveAttribute('aria-invalid', 'true');
  await expect(page).toHaveURL(/\/orders\/new$/);

  const list = await (await request.get(`/api/orders?q=${encodeURIComponent(customer)}`)).json();
  expect(list.items).toEqual([]);

  // Fixing the fields clears their messages and saves.
  await page.getByLabel('Customer email').fill('fixed@example.com');
  await fillLine(page, 0, { sku: 'SKU-1', name: 'Thing', category: 'Stuff', quantity: '2', price: '12.34' });
  await expect(page.locator('#items-0-quantity-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Create order' }).click();
  await expect(page).toHaveURL(/saved=created/);
  await expect(page.getByTestId('order-total')).toHaveText('$24.68');
});

test('leaving with unsaved changes asks first', async ({ page }) => {
  await openForm(page, '/orders/new');
  await page.getByLabel('Customer name').fill('Half-typed customer');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Cancel' }).click();
  await expect.poll(() => dialogs.length).toBe(1);
  expect(dialogs[0]).toContain('unsaved changes');
  await expect(page).toHaveURL(/\/orders\/new$/);
  await expect(page.getByLabel('Customer name')).toHaveValue('Half-typed customer');
});
