import { expect, test } from './fixtures';
import { createOrderThroughForm, expectVersion, fillLine, openForm, uniqueName } from './helpers';

const LAPTOP = { sku: 'LAP-13', name: 'Laptop 13', category: 'Computers', quantity: '2', price: '1299.00' };

test('create → find in list → edit → conflict from a second page → resolve → delete', async ({ page, context, request }) => {
  const customer = uniqueName('Ada Lifecycle');

  // Create: live total while typing, saved from the keyboard.
  await openForm(page, '/orders/new');
  await page.getByLabel('Customer name').fill(customer);
  await page.getByLabel('Customer email').fill('ada@example.com');
  await page.getByLabel('Region').selectOption('EU');
  await fillLine(page, 0, LAPTOP);
  await page.getByRole('button', { name: '+ Add line' }).click();
  await fillLine(page, 1, { sku: 'MOU-WL', name: 'Wireless Mouse', category: 'Accessories', quantity: '3', price: '49.99' });
  await expect(page.getByTestId('form-total')).toHaveText('$2,747.97');
  await page.getByLabel('Customer name').press('Control+Enter');
  await expect(page).toHaveURL(/\/orders\/[0-9A-Z]{26}\?saved=created$/);
  await expect(page.getByRole('status')).toContainText('Order created');
  const orderId = new URL(page.url()).pathname.split('/').pop()!;
  await expectVersion(page, 1);
  await expect(page.getByTestId('order-total')).toHaveText('$2,747.97');

  // Find it in the list by customer name.
  await openForm(page, '/orders');
  await page.getByRole('searchbox').fill(customer);
  const row = page.getByRole('row').filter({ hasText: customer });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('$2,747.97');
  await expect(page.getByTestId('orders-summary')).toContainText('1 order match');
  await row.getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));

  // Edit: quantity 2 → 3 on the laptop line.
  await page.getByRole('link', { name: 'Edit' }).click();
  await page.locator('#items-0-quantity').fill('3');
  await expect(page.getByTestId('form-total')).toHaveText('$4,046.97');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}\\?saved=updated$`));
  await expectVersion(page, 2);

  // Conflict: two editors open version 2; the second page saves first.
  await openForm(page, `/orders/${orderId}/edit`);
  const other = await context.newPage();
  await openForm(other, `/orders/${orderId}/edit`);
  await other.getByLabel('Status').selectOption('paid');
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other).toHaveURL(/saved=updated/);
  await expectVersion(other, 3);

  await page.locator('#items-0-quantity').fill('4');
  await page.getByRole('button', { name: 'Save changes' }).click();
  const conflict = page.getByRole('alert').filter({ hasText: 'Someone else saved this order' });
  await expect(conflict).toBeVisible();
  await expect(conflict).toContainText('You opened version 2; the stored order is now version 3');
  const statusChange = page.getByTestId('conflict-change').filter({ hasText: 'Status' });
  await expect(statusChange).toContainText('pending');
  await expect(statusChange).toContainText('paid');
  // Nothing was overwritten by the stale save.
  expect((await (await request.get(`/api/orders/${orderId}`)).json()).status).toBe('paid');

  // Resolve by loading theirs, then re-applying the edit on top of version 3.
  await page.getByRole('button', { name: 'Discard my edits and load theirs' }).click();
  await expect(conflict).toHaveCount(0);
  await expect(page.getByLabel('Status')).toHaveValue('paid');
  await expect(page.locator('#items-0-quantity')).toHaveValue('3');
  await page.locator('#items-0-quantity').fill('4');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expectVersion(page, 4);
  const stored = await (await request.get(`/api/orders/${orderId}`)).json();
  expect(stored).toMatchObject({ status: 'paid', version: 4, total_cents: 4 * 129_900 + 3 * 4_999 });

  // Delete with confirmation; then it is gone from the list and the API.
  await page.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete this order?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete order' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders\\?deleted=${orderId}$`));
  await expect(page.getByRole('status').filter({ hasText: 'was deleted' })).toBeVisible();
  await page.getByRole('searchbox').fill(customer);
  await expect(page.getByText('No orders match these filters')).toBeVisible();
  expect((await request.get(`/api/orders/${orderId}`)).status()).toBe(404);
});

test('overwriting after a conflict keeps my edits and bumps the version once', async ({ page, context, request }) => {
  const customer = uniqueName('Grace Overwrite');
  const orderId = await createOrderThroughForm(page, customer, LAPTOP);
  await openForm(page, `/orders/${orderId}/edit`);
  const other = await context.newPage();
  await openForm(other, `/orders/${orderId}/edit`);
  await other.getByLabel('Customer email').fill('someone.else@example.com');
  await other.getByRole('button', { name: 'Save changes' }).click();
  await expect(other).toHaveURL(/saved=updated/);

  await page.getByLabel('Region').selectOption('APAC');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByTestId('conflict-change').filter({ hasText: 'Customer email' })).toContainText('someone.else@example.com');
  await page.getByRole('button', { name: 'Overwrite with my edits' }).click();
  await expectVersion(page, 3);
  const stored = await (await request.get(`/api/orders/${orderId}`)).json();
  expect(stored).toMatchObject({ region: 'APAC', customer: { email: 'buyer@example.com' }, version: 3 });
});

test('a stale delete is refused and explained', async ({ page, request }) => {
  const orderId = await createOrderThroughForm(page, uniqueName('Stale Delete'), LAPTOP);
  const current = await (await request.get(`/api/orders/${orderId}`)).json();
  const { order_id: _id, version, total_cents: _t, created_at: _c, updated_at: _u, ...fields } = current;
  expect((await request.put(`/api/orders/${orderId}`, { data: { ...fields, status: 'paid', version } })).status()).toBe(200);

  await page.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete order' }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('now version 2');
  expect((await request.get(`/api/orders/${orderId}`)).status()).toBe(200);
});
