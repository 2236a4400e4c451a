import { expect, type Page } from '@playwright/test';

export type LineInput = { sku: string; name: string; category: string; quantity: string; price: string };

/** A name no other test uses, so searches find exactly this test's order. */
export const uniqueName = (label: string) => `${label} ${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

export async function fillLine(page: Page, index: number, line: LineInput) {
  await page.locator(`#items-${index}-sku`).fill(line.sku);
  await page.locator(`#items-${index}-name`).fill(line.name);
  await page.locator(`#items-${index}-category`).fill(line.category);
  await page.locator(`#items-${index}-quantity`).fill(line.quantity);
  await page.locator(`#items-${index}-unit_price`).fill(line.price);
}

/** Opens a page and waits until its form reacts to input (React has hydrated it). */
export async function openForm(page: Page, path: string) {
  await page.goto(path);
  await page.locator('form[data-hydrated="true"]').first().waitFor();
}

/** Creates an order through the form and returns its id, read from the detail page URL. */
export async function createOrderThroughForm(page: Page, customer: string, line: LineInput): Promise<string> {
  await openForm(page, '/orders/new');
  await page.getByLabel('Customer name').fill(customer);
  await page.getByLabel('Customer email').fill('buyer@example.com');
  await fillLine(page, 0, line);
  await page.getByRole('button', { name: 'Create order' }).click();
  await expect(page).toHaveURL(/\/orders\/[0-9A-Z]{26}\?saved=created$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

export async function expectVersion(page: Page, version: number) {
  await expect(page.getByTestId('order-version')).toHaveText(String(version));
}
