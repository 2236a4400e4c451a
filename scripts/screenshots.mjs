// Screenshots of the dashboard's pages for a visual check: node scripts/screenshots.mjs [baseUrl] [outDir]
// SIGN_IN_AS=<user> (default admin) signs in through the provider's page first, as a person would;
// SIGN_IN_AS= (empty) shoots the pages signed out.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? 'test-results/screenshots';
const pages = (process.env.PAGES ?? '/orders,/orders/new').split(',');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
const user = process.env.SIGN_IN_AS ?? 'admin';
if (user) {
  await page.goto(`${base}/auth/sign-in?return_to=%2F`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(process.env.SIGN_IN_PASSWORD ?? `local-${user}`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.href.startsWith(base));
}
for (const path of pages) {
  await page.goto(base + path, { waitUntil: 'networkidle' });
  const file = `${out}/${user || 'signed-out'}-${path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home'}.png`;
  await page.screenshot({ path: file, fullPage: true });
  console.log(file);
}
await browser.close();
