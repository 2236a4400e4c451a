import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { openForm, uniqueName } from './helpers';

/**
 * The order form on a 390 × 844 touch phone, used only by tapping and typing: a sales person
 * enters an order with two lines, sees the total, and saves it. Every control tapped is on
 * screen and at least 24 px tall (WCAG 2.2's minimum target size).
 */

const PHONE = { width: 390, height: 844 };

test.use({ as: 'sales', viewport: PHONE, hasTouch: true, isMobile: true });

/** Taps a field (as a finger would, scrolling it into view first) and types into it. */
async function tapAndType(page: Page, field: Locator, text: string) {
  await tapTarget(field);
  await page.keyboard.type(text);
}

async function tapTarget(target: Locator) {
  await target.scrollIntoViewIfNeeded();
  const box = await target.boundingBox();
  expect(box, 'the control is laid out').not.toBeNull();
  expect(box!.height, 'tap targets are at least 24 px tall').toBeGreaterThanOrEqual(24);
  await target.tap();
}

test('enters an order by touch: two lines, the total, and save', async ({ page }) => {
  const customer = uniqueName('Touch Customer');
  await openForm(page, '/orders/new');
  await tapAndType(page, page.getByLabel('Customer name'), customer);
  await tapAndType(page, page.getByLabel('Customer email'), 'touch.buyer@example.com');
  await page.getByLabel('Status').selectOption('paid');

  const line = async (index: number, values: [string, string, string, string, string]) => {
    const ids = ['sku', 'name', 'category', 'quantity', 'unit_price'];
    for (const [i, id] of ids.entries()) {
      const field = page.locator(`#items-${index}-${id}`);
      await tapTarget(field);
      await field.fill('');
      await page.keyboard.type(values[i]!);
    }
  };
  await line(0, ['TCH-1', 'Stylus', 'Accessories', '3', '12.50']);
  await tapTarget(page.getByRole('button', { name: '+ Add line' }));
  await line(1, ['TCH-2', 'Screen protector', 'Accessories', '2', '7.25']);
  await expect(page.getByTestId('form-total')).toHaveText(/52\.00/);

  const save = page.getByRole('button', { name: 'Create order' });
  await tapTarget(save);
  await expect(page).toHaveURL(/\/orders\/[0-9A-Z]{26}\?saved=created$/);
  await expect(page.getByText(customer).first()).toBeVisible();
  await expect(page.getByText('Screen protector')).toBeVisible();
});
