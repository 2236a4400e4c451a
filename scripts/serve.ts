/**
 * `npm run serve`: only the dashboard, as the container runs it (the standalone build), against
 * whatever the environment names: a deployed stack (.env.local from write-env-from-stack.ts),
 * LocalStack, or real AWS. No local AWS is started; `npm start` is the all-in-one.
 *
 *   npm run serve                      .env.local if present, port 3000 on 127.0.0.1
 *   PORT=3100 npm run serve
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ensureStandaloneBuild, standaloneServer } from '../local/next-build';

const root = path.resolve(import.meta.dirname, '..');
const distDir = path.join(root, process.env.NEXT_DIST_DIR ?? '.next');
const envFile = path.join(root, '.env.local');

// The standalone server reads .env files only beside itself, so the repo's is loaded here.
if (existsSync(envFile)) process.loadEnvFile(envFile);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: '1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

await ensureStandaloneBuild(root, distDir, {
  env,
  onBuild: () => console.log('[serve] building the dashboard (first run, or the sources changed)…'),
});

const port = env.PORT ?? '3000';
console.log(
  `[serve] dashboard on http://127.0.0.1:${port}${existsSync(envFile) ? ' with .env.local' : ''}; Ctrl-C stops it`,
);
const server = spawn(process.execPath, [standaloneServer(distDir)], {
  cwd: root,
  stdio: 'inherit',
  // Loopback unless told otherwise; the dashboard's own SIGTERM handler drains it (instrumentation.ts).
  env: { ...env, PORT: port, HOSTNAME: env.SERVE_HOSTNAME ?? '127.0.0.1', NEXT_MANUAL_SIG_HANDLE: 'true' },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill('SIGTERM'));
server.once('exit', (code) => process.exit(code ?? 0));
