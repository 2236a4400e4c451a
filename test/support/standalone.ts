/**
 * The dashboard as it ships: Next's standalone server, laid out as the Dockerfile's final stage
 * copies it, in a directory outside the repository (so nothing resolves from the repo's
 * node_modules), started as its own process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ensureStandaloneBuild } from '@/local/next-build';
import { parseDockerfile, replayRuntimeCopies } from './dockerfile';

const root = path.resolve(import.meta.dirname, '../..');

/** The test build's dist dir: the one the e2e suite uses (and rebuilds only when sources change). */
export const TEST_DIST_DIR = process.env.E2E_DIST_DIR ?? '.next-test';

/** Builds the dashboard into `distDir` unless its build is fresh, as `npm start` does. */
export function ensureTestBuild(distDir = TEST_DIST_DIR): Promise<void> {
  return ensureStandaloneBuild(root, path.join(root, distDir), {
    env: { ...process.env, NODE_ENV: 'production', NEXT_DIST_DIR: distDir, NEXT_TELEMETRY_DISABLED: '1' },
    quiet: true,
  });
}

/** A fresh directory holding what the image's final stage copies, from the build in `distDir`. */
export function imageLayout(distDir = TEST_DIST_DIR): string {
  const target = mkdtempSync(path.join(os.tmpdir(), 'sales-cdc-image-'));
  const dockerfile = parseDockerfile(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
  replayRuntimeCopies(dockerfile, { root, distDir, target });
  return target;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type StandaloneServer = {
  url: string;
  process: ChildProcess;
  /** Everything it printed so far. */
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/**
 * Runs `node server.js` in `dir` with only `env` (plus PATH and HOME), as the container's CMD
 * does, and resolves once /api/health answers.
 */
export async function startStandalone(
  dir: string,
  port: number,
  env: Record<string, string>,
): Promise<StandaloneServer> {
  const child = spawn(process.execPath, ['server.js'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? os.tmpdir(),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      NEXT_MANUAL_SIG_HANDLE: 'true',
      HOSTNAME: '127.0.0.1',
      PORT: String(port),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  for (;;) {
    if (gone) throw new Error(`the standalone server exited before it was ready:\n${output}`);
    const ok = await fetch(`${url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, process: child, output: () => output, exited };
}
