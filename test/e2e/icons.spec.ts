import { expect, test } from './fixtures';

/**
 * The favicon, app icons and web manifest in public/: served without a session (the proxy lets
 * them through), linked from every page, and no page of the app logs a console error.
 */

const PAGES = ['/orders', '/orders/new', '/feed', '/pipeline', '/analytics', '/queries'];

test('icons and the manifest are served to anyone, with their types', async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    const expectations: [string, RegExp][] = [
      ['/favicon.ico', /image\/(x-icon|vnd\.microsoft\.icon)/],
      ['/favicon.svg', /image\/svg\+xml/],
      ['/apple-touch-icon.png', /image\/png/],
      ['/manifest.webmanifest', /application\/manifest\+json/],
    ];
    for (const [url, type] of expectations) {
      const response = await anonymous.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(200);
      expect(response.headers()['content-type'], url).toMatch(type);
    }
    const manifest = (await (await anonymous.get('/manifest.webmanifest')).json()) as { name: string; icons: { src: string; sizes: string }[] };
    expect(manifest.name).toBe('Sales CDC');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) expect((await anonymous.get(icon.src)).status(), icon.src).toBe(200);
  } finally {
    await anonymous.dispose();
  }
});

test('every page links the icons and logs no console error', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  for (const url of PAGES) {
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('link[rel="icon"][href="/favicon.svg"]')).toHaveCount(1);
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  }
  expect(errors).toEqual([]);
});
