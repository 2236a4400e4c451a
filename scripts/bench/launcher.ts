import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { signInSeeded } from '../../local/oidc/headless-sign-in';
import { findFreePort } from '../../local/ports';

/**
 * Runs `local/start.ts` (what `npm start` runs) as a child in its own process group, so one
 * kill(-pid) also reaches DynamoDB Local (java) and `next start`, which the launcher spawns.
 */
export const root = path.resolve(import.meta.dirname, '..', '..');
const tsxBin = path.join(root, 'node_modules', '.bin', 'tsx');
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const verbose = process.env.BENCH_VERBOSE === '1';

/** Every group still running; killed synchronously if the bench exits early. */
const liveGroups = new Set<number>();
process.on('exit', () => {
  for (const pid of liveGroups) signalGroup(pid, 'SIGKILL');
});

function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // ESRCH: nothing left in the group
  }
}

export type Child = {
  pid: number;
  exited: () => boolean;
  exitCode: () => number | null;
  /** The last ~100k characters of stdout + stderr. */
  output: () => string;
  stop: () => Promise<void>;
};

function spawnGroup(command: string, args: string[], env: NodeJS.ProcessEnv, label: string): Child {
  const child: ChildProcess = spawn(command, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid!;
  liveGroups.add(pid);
  let output = '';
  let exited = false;
  let code: number | null = null;
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-100_000);
    if (verbose) process.stderr.write(chunk.toString().replace(/^/gm, `  [${label}] `));
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  child.once('exit', (c) => {
    exited = true;
    code = c;
  });
  return {
    pid,
    exited: () => exited,
    exitCode: () => code,
    output: () => output,
    // SIGTERM first so the launcher stops its children cleanly; SIGKILL whatever is left after 10 s.
    stop: async () => {
      signalGroup(pid, 'SIGTERM');
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && signalGroup(pid, 0)) await sleep(100);
      signalGroup(pid, 'SIGKILL');
      while (signalGroup(pid, 0) && Date.now() < deadline + 5_000) await sleep(100);
      liveGroups.delete(pid);
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export type Launcher = Child & {
  baseUrl: string;
  port: number;
  awsPort: number;
  awsEndpoint: string;
  /** The launcher's sign-in provider. */
  issuer: string;
  /**
   * `Authorization: Bearer …` of a seeded user, signed in through the provider's page once: every
   * measured request is authenticated, as in production.
   */
  bearer: (user?: string) => Promise<string>;
};

export async function spawnLauncher(args: string[], env: Record<string, string> = {}): Promise<Launcher> {
  const [port, awsPort, oidcPort] = [await findFreePort(), await findFreePort(), await findFreePort()];
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    LOCAL_AWS_PORT: String(awsPort),
    LOCAL_OIDC_PORT: String(oidcPort),
    APP_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...env,
  };
  // Inherited settings that would change what is measured.
  delete childEnv.LOCAL_FRESH;
  if (!env.NEXT_DIST_DIR) delete childEnv.NEXT_DIST_DIR;
  if (!env.LOCAL_DATA_DIR) delete childEnv.LOCAL_DATA_DIR;
  const child = spawnGroup(
    tsxBin,
    ['--conditions=react-server', 'local/start.ts', ...args],
    childEnv,
    'launcher',
  );
  const issuer = `http://127.0.0.1:${oidcPort}`;
  const tokens = new Map<string, Promise<string>>();
  const bearer = (user = 'admin') => {
    if (!tokens.has(user)) {
      tokens.set(
        user,
        signInSeeded(issuer, user).then((t) => `Bearer ${t.access_token}`),
      );
    }
    return tokens.get(user)!;
  };
  return {
    ...child,
    port,
    awsPort,
    baseUrl: `http://127.0.0.1:${port}`,
    awsEndpoint: `http://127.0.0.1:${awsPort}`,
    issuer,
    bearer,
  };
}

/** Polls GET /api/health until 200; throws with the launcher's output if it exits or times out. */
export async function waitForHealth(launcher: Launcher, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (launcher.exited())
      throw new Error(
        `the launcher exited (code ${launcher.exitCode()}):\n${launcher.output().slice(-3000)}`,
      );
    try {
      const response = await fetch(`${launcher.baseUrl}/api/health`, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  throw new Error(`no 200 from /api/health within ${timeoutMs / 1000} s:\n${launcher.output().slice(-3000)}`);
}

/** `next build` into `.next` (or NEXT_DIST_DIR), bounded in time; resolves with its output. */
export async function runNextBuild(timeoutMs: number): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
  delete env.NEXT_DIST_DIR;
  const build = spawnGroup(process.execPath, [nextBin, 'build'], env, 'next build');
  const deadline = Date.now() + timeoutMs;
  while (!build.exited() && Date.now() < deadline) await sleep(200);
  if (!build.exited()) {
    await build.stop();
    throw new Error(`next build did not finish within ${timeoutMs / 1000} s`);
  }
  await build.stop(); // reaps any stray worker left in the group
  if (build.exitCode() !== 0)
    throw new Error(`next build failed (code ${build.exitCode()}):\n${build.output().slice(-3000)}`);
  return build.output();
}

/** Stops every group still running (Ctrl-C, watchdog). */
export async function stopAll(): Promise<void> {
  await Promise.all(
    [...liveGroups].map(async (pid) => {
      signalGroup(pid, 'SIGTERM');
      await sleep(2_000);
      signalGroup(pid, 'SIGKILL');
      liveGroups.delete(pid);
    }),
  );
}
