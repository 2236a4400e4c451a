import { expect, test } from './fixtures';
import { expectVersion, openForm, uniqueName } from './helpers';

const order = (customer: string) => ({
  customer: { name: customer, email: 'trace@example.com' },
  region: 'EU',
  channel: 'web',
  status: 'pending',
  currency: 'USD',
  items: [{ sku: 'LAP-13', name: 'Laptop 13', category: 'Computers', quantity: 2, unit_price_cents: 129_900 }],
});

test('edit an order, open its trace from the order page, and watch the new version reach Athena', async ({ page, request }) => {
  const customer = uniqueName('Trace Ada');
  const created = await request.post('/api/orders', { data: order(customer) });
  expect(created.status()).toBe(201);
  const { order_id: orderId } = (await created.json()) as { order_id: string };

  // Edit the quantity in the UI: 2 → 3 laptops.
  await openForm(page, `/orders/${orderId}/edit`);
  await page.locator('#items-0-quantity').fill('3');
  await expect(page.getByTestId('form-total')).toHaveText('$3,897.00');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`/orders/${orderId}\\?saved=updated$`));
  await expectVersion(page, 2);

  // Open the trace from the order page.
  await page.getByRole('link', { name: 'Trace in pipeline' }).click();
  await expect(page).toHaveURL(new RegExp(`/pipeline/trace/${orderId}$`));
  await expect(page.getByTestId('trace-dynamodb')).toContainText('v2');

  // The page polls until the edit has gone all the way through: the Athena row of version 2.
  const latest = page.locator('[data-testid="trace-change"][data-version="2"]');
  await expect(latest.getByTestId('stage-athena')).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(latest).toHaveAttribute('data-status', 'complete');
  await expect(latest).toContainText('MODIFY');
  await expect(latest).toContainText('$3,897.00');
  await expect(latest.getByTestId('trace-changed-by')).toHaveText('by admin');
  for (const stage of ['dynamodb', 'stream', 'kinesis', 's3', 'athena']) {
    await expect(latest.getByTestId(`stage-${stage}`)).toHaveAttribute('data-state', 'done');
  }
  await expect(latest.getByTestId('stage-kinesis')).toContainText(/shardId-\d{12}/);
  await expect(latest.getByTestId('stage-s3')).toContainText(/order_changes_v2\/dt=\d{4}-\d{2}-\d{2}\/order-changes-to-s3-/);
  await expect(page.getByTestId('trace-athena-current')).toContainText('v2');
  await expect(page.getByTestId('trace-athena-current')).toContainText('Agrees with DynamoDB');
  await expect(page.getByTestId('trace-view')).toHaveAttribute('data-settled', 'true');

  // The create is there too, older, below the edit.
  const first = page.locator('[data-testid="trace-change"][data-version="1"]');
  await expect(first).toHaveAttribute('data-status', 'complete');
  await expect(first).toContainText('INSERT');
});

test('a bad order id gets a reason, an unknown one says no stage knows it', async ({ page, request }) => {
  const bad = await request.get('/api/trace/not-an-order');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).issues[0]).toEqual({ path: 'orderId', message: 'is not a valid order id' });

  await page.goto('/pipeline/trace/not-an-order');
  await expect(page.getByRole('alert').filter({ hasText: 'That is not an order id' })).toContainText('not a valid order id');

  await page.goto('/pipeline/trace/01JD0000000000000000000000');
  await expect(page.getByText('No stage knows this order')).toBeVisible();
  await expect(page.getByTestId('trace-dynamodb')).toContainText('Never existed');
});
