import type { Browser, Page } from '@playwright/test';
import { expect, test, watchCsp } from './fixtures';
import { uniqueName } from './helpers';
import { signInThroughPage, type SeededUser } from './sign-in';

/** A fresh browser with no session: every test here signs in through the provider's page. */
async function freshPage(browser: Browser, baseURL: string | undefined): Promise<{ page: Page; violations: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  return { page, violations: watchCsp(page), close: () => context.close() };
}

const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

let orderId: string;
const customer = uniqueName('Role Check');

test.beforeAll(async ({ playwright, baseURL }) => {
  // Created with the admin's Bearer token, as an API client would.
  const { readFileSync } = await import('node:fs');
  const { TOKENS_FILE } = await import('./sign-in');
  const token = JSON.parse(readFileSync(TOKENS_FILE, 'utf8')).admin as string;
  const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const response = await api.post('/api/orders', {
    data: {
      customer: { name: customer, email: 'jane.roles@example.com' },
      region: 'EU',
      channel: 'web',
      items: [{ sku: 'LAP-13', name: 'Laptop 13', category: 'Computers', quantity: 1, unit_price_cents: 129900 }],
    },
  });
  expect(response.status()).toBe(201);
  orderId = (await response.json()).order_id;
  await api.dispose();
});

type Expectation = {
  user: SeededUser;
  role: string;
  sections: string[];
  writes: boolean;
  email: string;
  feed: boolean;
};

const cases: Expectation[] = [
  { user: 'sales', role: 'sales', sections: ['Orders', 'Analytics', 'Queries'], writes: true, email: 'jane.roles@example.com', feed: false },
  { user: 'analyst', role: 'analyst', sections: ['Orders', 'Analytics', 'Queries'], writes: false, email: 'j•••@example.com', feed: false },
  {
    user: 'engineer',
    role: 'engineer',
    sections: ['Orders', 'Live feed', 'Pipeline', 'Analytics', 'Queries'],
    writes: false,
    email: 'j•••@example.com',
    feed: true,
  },
  {
    user: 'admin',
    role: 'admin',
    sections: ['Orders', 'Live feed', 'Pipeline', 'Analytics', 'Queries'],
    writes: true,
    email: 'jane.roles@example.com',
    feed: true,
  },
];

for (const c of cases) {
  test(`${c.user}: signs in, sees what the ${c.role} role may do, signs out`, async ({ browser, baseURL }) => {
    const { page, violations, close } = await freshPage(browser, baseURL);
    await signInThroughPage(page, c.user, `/orders/${orderId}`);
    // Back on the page that asked for sign-in, with who and what role in the header.
    await expect(page).toHaveURL(new RegExp(`/orders/${orderId}$`));
    await expect(page.getByTestId('signed-in-role')).toHaveText(c.role);
    await expect(nav(page).getByRole('link')).toHaveText(c.sections);

    await expect(page.getByText(c.email)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(c.writes ? 1 : 0);
    await expect(page.getByRole('button', { name: 'Delete' })).toHaveCount(c.writes ? 1 : 0);
    await expect(page.getByRole('link', { name: 'Trace in pipeline' })).toHaveCount(c.feed ? 1 : 0);

    await page.goto('/orders');
    await expect(page.getByRole('link', { name: 'New order' })).toHaveCount(c.writes ? 1 : 0);

    // Pages stream, so a refused page says so in its body (the API answers 403 itself).
    await page.goto('/feed');
    if (c.feed) {
      await expect(page.getByRole('heading', { name: 'Live feed', exact: true })).toBeVisible();
    } else {
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    }
    if (!c.writes) {
      await page.goto(`/orders/${orderId}/edit`);
      await expect(page.getByRole('heading', { name: 'Not available to your role' })).toBeVisible();
    }

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/signed-out$/);
    await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
    // The session is gone here and at the provider: the next visit asks for a password again.
    await page.goto('/analytics');
    await expect(page.getByRole('heading', { name: 'Sign in to Sales CDC' })).toBeVisible();
    expect(violations).toEqual([]);
    await close();
  });
}

test('a wrong password is refused on the sign-in page and nothing is signed in', async ({ browser, baseURL }) => {
  const { page, close } = await freshPage(browser, baseURL);
  await page.goto('/orders?status=paid');
  await page.getByLabel('Username').fill('sales');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Incorrect username or password.')).toBeVisible();
  // Then the right one lands on the page first asked for, query string included.
  await page.getByLabel('Password').fill('local-sales');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/orders\?status=paid$/);
  await close();
});

test('an API call without credentials gets 401 JSON; a write with the cookie from another origin gets 403 and changes nothing', async ({
  playwright,
  baseURL,
}) => {
  // Explicitly empty: request contexts made in a test inherit the project's storageState (a session).
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const response = await anonymous.get('/api/orders');
  expect(response.status()).toBe(401);
  expect(response.headers()['www-authenticate']).toBe('Bearer');
  expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
  // A signed-out page visit goes to sign-in; the client router's fetch of the same page gets 401,
  // since a fetch cannot follow a redirect to the provider (CSP connect-src, CORS).
  const visit = await anonymous.get('/orders?status=paid', { maxRedirects: 0 });
  expect(visit.status()).toBe(307);
  expect(visit.headers().location).toMatch(/\/auth\/sign-in\?return_to=%2Forders%3Fstatus%3Dpaid$/);
  const routerFetch = await anonymous.get('/orders', { maxRedirects: 0, headers: { 'sec-fetch-mode': 'cors', rsc: '1' } });
  expect(routerFetch.status()).toBe(401);
  await anonymous.dispose();

  // The signed-in admin's session cookie, as a forged cross-site form or fetch would send it.
  const { stateFile } = await import('./sign-in');
  const withCookie = await playwright.request.newContext({ baseURL, storageState: stateFile('admin') });
  expect((await withCookie.get(`/api/orders/${orderId}`)).status()).toBe(200);
  const forged = await withCookie.delete(`/api/orders/${orderId}?version=1`, { headers: { origin: 'https://evil.example' } });
  expect(forged.status()).toBe(403);
  expect(await forged.json()).toMatchObject({ error: 'forbidden' });
  expect((await withCookie.delete(`/api/orders/${orderId}?version=1`)).status()).toBe(403);
  expect((await (await withCookie.get(`/api/orders/${orderId}`)).json()).version).toBe(1);
  await withCookie.dispose();
});
