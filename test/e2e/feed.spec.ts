import { readFile } from 'node:fs/promises';
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openForm, uniqueName } from './helpers';

const order = (name: string, quantity = 2) => ({
  customer: { name, email: 'feed@example.com' },
  region: 'EU',
  channel: 'web',
  status: 'pending',
  currency: 'USD',
  order_date: '2026-03-10T12:00:00.000Z',
  items: [{ sku: 'LAP-13', name: 'Laptop 13', category: 'Computers', quantity, unit_price_cents: 129_900 }],
});

async function createOrder(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post('/api/orders', { data: order(name) });
  expect(response.status()).toBe(201);
  return (await response.json()).order_id;
}

/** Opens the feed and waits until its stream is connected, so no change made afterwards is missed. */
async function openFeed(page: Page) {
  await page.goto('/feed');
  await page.locator('[data-testid="feed-view"][data-hydrated="true"]').waitFor();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'live');
}

const rowOf = (page: Page, orderId: string, event?: string) =>
  page.locator(
    `[data-testid="feed-row"][data-order-id="${orderId}"]${event ? `[data-event="${event}"]` : ''}`,
  );

test('an edit saved in one page shows in the feed of another as a MODIFY with the quantity highlighted', async ({
  page,
  context,
  request,
}) => {
  const orderId = await createOrder(request, uniqueName('Feed Edit'));
  await openFeed(page);

  const editor = await context.newPage();
  await openForm(editor, `/orders/${orderId}/edit`);
  await editor.locator('#items-0-quantity').fill('5');
  await editor.getByRole('button', { name: 'Save changes' }).click();

  // The issue's requirement: the change is on screen within 2 s of the save.
  const row = rowOf(page, orderId, 'MODIFY');
  await expect(row).toBeVisible({ timeout: 2_000 });
  const chip = row.locator('[data-path="items[0].quantity"][data-changed="true"]');
  await expect(chip).toBeVisible();
  await expect(chip).toContainText('2 → 5');
  // Who saved it: the signed-in editor, stamped by the server from the session.
  await expect(row.getByTestId('feed-changed-by')).toHaveText('by admin');
  await expect(editor).toHaveURL(new RegExp(`/orders/${orderId}\\?saved=updated$`));

  // Expanded: the OLD → NEW table marks the quantity and the total as changed, and only those by default.
  await row.getByRole('button', { name: /^MODIFY/ }).click();
  const diff = row.getByTestId('record-diff');
  const quantity = diff.locator('tr[data-path="items[0].quantity"]');
  await expect(quantity).toHaveAttribute('data-changed', 'true');
  await expect(quantity.locator('td').nth(1)).toHaveText('2');
  await expect(quantity.locator('td').nth(2)).toHaveText('5');
  await expect(diff.locator('tr[data-path="total_cents"]')).toHaveAttribute('data-changed', 'true');
  await expect(diff.locator('tr[data-path="customer.name"]')).toHaveCount(0);
  await row.getByLabel('Show unchanged fields').check();
  await expect(diff.locator('tr[data-path="customer.name"]')).toHaveAttribute('data-changed', 'false');

  // The raw view is the event as the stream sent it.
  await row.getByRole('tab', { name: 'Raw' }).click();
  await expect(row.getByTestId('record-detail').locator('pre')).toContainText(`"order_id":"${orderId}"`);

  // Links to the order and its trace.
  await expect(row.getByRole('link', { name: 'Trace' })).toHaveAttribute(
    'href',
    `/pipeline/trace/${orderId}`,
  );
  await expect(row.getByRole('link', { name: /…/ })).toHaveAttribute('href', `/orders/${orderId}`);
});

test('pause keeps buffering and resume catches up; filters narrow the list; export saves what is shown', async ({
  page,
  request,
}) => {
  await openFeed(page);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const nameA = uniqueName('Feed Alpha');
  const nameB = uniqueName('Feed Beta');
  const a = await createOrder(request, nameA);
  const b = await createOrder(request, nameB);

  await expect(page.getByTestId('paused-banner')).toContainText('2 new while paused');
  await expect(rowOf(page, a)).toHaveCount(0);
  await page.getByRole('button', { name: 'Resume (2 new)' }).click();
  await expect(page.getByTestId('feed-row')).toHaveCount(2);
  // Newest first.
  await expect(page.getByTestId('feed-row').first()).toHaveAttribute('data-order-id', b);
  await expect(rowOf(page, a, 'INSERT')).toBeVisible();

  // Filters: order id, event type, free text.
  await page.getByLabel('Order id').fill(a.slice(-10));
  await expect(page.getByTestId('feed-row')).toHaveCount(1);
  await expect(rowOf(page, a)).toBeVisible();
  await page.getByRole('button', { name: 'MODIFY', exact: true }).click();
  await expect(page.getByText('No record matches these filters')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page.getByTestId('feed-row')).toHaveCount(2);
  await page.getByLabel('Search payload').fill(nameB.toUpperCase());
  await expect(page.getByTestId('feed-row')).toHaveCount(1);
  await expect(rowOf(page, b)).toBeVisible();

  // Export the filtered records: just order B, in both formats.
  const [json] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'JSON' }).click(),
  ]);
  expect(json.suggestedFilename()).toMatch(/^cdc-feed-.*\.json$/);
  const exported = JSON.parse(await readFile((await json.path())!, 'utf8'));
  expect(exported).toHaveLength(1);
  expect(exported[0]).toMatchObject({
    eventName: 'INSERT',
    keys: { order_id: b },
    newImage: { customer: { name: nameB } },
  });

  const [csv] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'CSV' }).click(),
  ]);
  const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^arrival_time,shard_id,sequence_number,/);
  expect(lines[1]).toContain(`,INSERT,`);
  expect(lines[1]).toContain(b);
  expect(lines[1]).toContain(nameB);
});

test('a start position reconnects the stream; a bad one shows the API reason', async ({ page, request }) => {
  const earlier = await createOrder(request, uniqueName('Feed Earlier'));
  await openFeed(page);
  await expect(rowOf(page, earlier)).toHaveCount(0);

  // Trim horizon replays what the stream holds, including the order created before the page opened.
  await page.getByRole('combobox', { name: 'Start position' }).selectOption('TRIM_HORIZON');
  await page.getByRole('button', { name: 'Read' }).click();
  await expect(rowOf(page, earlier, 'INSERT')).toBeVisible();
  await expect(page.getByTestId('feed-count')).toContainText('Trim horizon');

  // A sequence number means nothing across all shards: the API says so, and the page shows it.
  await page.getByRole('combobox', { name: 'Start position' }).selectOption('AT_SEQUENCE_NUMBER');
  await page.getByRole('textbox', { name: 'Sequence number' }).fill('1');
  await page.getByRole('button', { name: 'Read' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'error');
  const problem = page.getByRole('alert').filter({ hasText: 'The feed cannot start from there' });
  await expect(problem).toContainText('AT_SEQUENCE_NUMBER needs a single shard id');

  await page.getByRole('button', { name: 'Back to the live tail' }).click();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-status', 'live');
  await expect(problem).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Start position' })).toHaveValue('LATEST');
});
