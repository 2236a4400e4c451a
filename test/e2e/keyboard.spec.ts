import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { pagesFor } from './pages';

/**
 * Every page can be worked from the keyboard: Tab walks through focusable controls only, each
 * drawn with a visible focus indicator (an outline, or a box-shadow ring), and the page's main
 * actions are among the stops. Signed in as admin, who sees every page and every action.
 */

// Enough for the queries page, whose library lists every saved query as a button.
const MAX_STOPS = 150;

/** Per page, controls that must be reachable: their accessible names as the stops report them. */
const MAIN_ACTIONS: Record<string, RegExp[]> = {
  '/orders': [/^New order$/, /^Search/],
  '/orders/new': [/^Customer name/, /^Create order$/],
  '/feed': [/Pause|Resume/],
  '/pipeline': [/^Trace/],
  '/analytics': [/^Date range/],
  '/queries': [/^Run$/, /^SQL$/, /^Duplicate$/],
};

type Stop = { name: string; tag: string; interactive: boolean; indicator: string | null };

/** What has focus now: its name, whether it is a control, and the focus indicator it draws. */
function describeFocus(page: Page): Promise<Stop | null> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const interactive =
      el.matches('a[href], button, input, select, textarea, summary, [contenteditable="true"], [tabindex]:not([tabindex="-1"])') &&
      !el.matches(':disabled');
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    // Tailwind's rings are box-shadows with no offset or blur and a spread ("… 0px 0px 0px 2px"),
    // in a colour that is not transparent; a plain drop shadow is not a ring.
    const ring = style.boxShadow
      .split(/,(?![^(]*\))/)
      .some((shadow) => {
        const m = /^\s*(.*?)\s+0px 0px 0px ([\d.]+)px/.exec(shadow);
        return !!m && parseFloat(m[2]!) > 0 && !/^(transparent|rgba\(.*,\s*0\)|.*\/\s*0\))$/.test(m[1]!);
      });
    const indicator = outline ? `outline ${style.outlineWidth} ${style.outlineStyle}` : ring ? 'ring' : null;
    const label = el.getAttribute('aria-label') ?? ((el as HTMLInputElement).labels?.[0]?.textContent ?? '');
    const name = (label || el.textContent || el.getAttribute('placeholder') || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return { name, tag: el.tagName.toLowerCase(), interactive, indicator };
  });
}

/**
 * Tabs from the top of the page until focus comes back round or MAX_STOPS; returns each stop. A
 * sentinel placed first in the document marks the start, whatever the page autofocuses.
 */
async function tabThrough(page: Page): Promise<Stop[]> {
  await page.evaluate(() => {
    const sentinel = document.createElement('span');
    sentinel.id = 'tab-sentinel';
    sentinel.tabIndex = 0;
    document.body.prepend(sentinel);
    sentinel.focus();
  });
  const stops: Stop[] = [];
  for (let i = 0; i < MAX_STOPS; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id === 'tab-sentinel')) break;
    const stop = await describeFocus(page);
    if (stop) stops.push(stop); // null: focus is outside the page, on its way round to the top.
  }
  await page.evaluate(() => document.getElementById('tab-sentinel')?.remove());
  return stops;
}

/** Where each page is opened: the queries page on a saved query, so Run is enabled. */
const OPEN_AT: Record<string, string> = { '/queries': `/queries?${new URLSearchParams({ name: 'Orders by status' })}` };

for (const url of pagesFor('admin')) {
  test(`${url}: every Tab stop is a control with a visible focus indicator, the main actions among them`, async ({ page }) => {
    await page.goto(OPEN_AT[url] ?? url);
    await page.waitForLoadState('networkidle');
    const stops = await tabThrough(page);
    expect(stops.length).toBeGreaterThan(1);
    expect(stops.filter((s) => !s.interactive || !s.indicator).map((s) => `${s.tag} “${s.name}”: ${s.indicator ?? 'no indicator'}`)).toEqual([]);
    for (const action of MAIN_ACTIONS[url] ?? []) expect(stops.map((s) => s.name), `${action} is a Tab stop`).toContainEqual(expect.stringMatching(action));
  });
}

test('Tab moves on out of the SQL editor, also after Escape', async ({ page }) => {
  await page.goto('/queries');
  const content = page.getByTestId('sql-editor').locator('.cm-content');
  await expect(page.getByTestId('sql-editor')).toHaveAttribute('data-ready', 'true');
  for (const before of [[], ['Escape']]) {
    await content.focus();
    await page.keyboard.type('SELECT 1');
    for (const key of before) await page.keyboard.press(key);
    await page.keyboard.press('Tab');
    await expect(content).not.toBeFocused();
    // Tab moved focus on and did not type a tab character (toContainText would ignore it).
    expect(await content.evaluate((el) => el.textContent)).not.toContain('\t');
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the menu is a Tab stop with a focus indicator, opens with Enter, and its links follow', async ({ page }) => {
    await page.goto('/orders');
    await page.waitForLoadState('networkidle');
    const stops = await tabThrough(page);
    expect(stops.filter((s) => !s.interactive || !s.indicator).map((s) => `${s.tag} “${s.name}”`)).toEqual([]);
    const menu = stops.findIndex((s) => s.tag === 'summary' && s.name === 'Menu');
    expect(menu, 'the menu is a Tab stop').toBeGreaterThanOrEqual(0);

    await page.getByTestId('mobile-nav').locator('summary').focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('mobile-nav')).toHaveAttribute('open', '');
    await page.keyboard.press('Tab');
    expect(await describeFocus(page)).toMatchObject({ name: 'Orders', tag: 'a', interactive: true });
  });
});
