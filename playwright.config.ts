import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './test/e2e/chromium';

const port = Number(process.env.E2E_PORT ?? 3100);
const awsPort = Number(process.env.E2E_AWS_PORT ?? 4599);
const oidcPort = Number(process.env.E2E_OIDC_PORT ?? 4598);
// Overridable so two runs on one machine (or a run beside `npm start`) keep apart.
const distDir = process.env.E2E_DIST_DIR ?? '.next-test';
const outputDir = process.env.E2E_OUTPUT_DIR ?? 'test-results';

/**
 * End-to-end tests in Debian's Chromium against the production build (Next's standalone
 * server, as the container runs it), served by the same launcher as `npm start` on an in-memory
 * local AWS. A separate dist dir keeps a running
 * `npm start` and a test run from rebuilding each other's output.
 */
export default defineConfig({
  testDir: 'test/e2e',
  outputDir,
  globalSetup: './test/e2e/global-setup.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  projects: [
    // Signs every seeded user in through the local provider's page once; the specs reuse it.
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'chromium', testMatch: /\.spec\.ts$/, dependencies: ['setup'] },
  ],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
  },
  webServer: {
    command: 'node_modules/.bin/tsx --conditions=react-server local/start.ts --in-memory --no-seed',
    url: `http://127.0.0.1:${port}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      LOCAL_AWS_PORT: String(awsPort),
      LOCAL_OIDC_PORT: String(oidcPort),
      APP_URL: `http://127.0.0.1:${port}`,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  },
});
