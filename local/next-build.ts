import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Everything a production build depends on. A change to any of it triggers a rebuild on start. */
export const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation.ts',
  'next.config.js',
  'package-lock.json',
  'tailwind.config.ts',
  'postcss.config.mjs',
  'tsconfig.json',
];

function listFiles(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry, { withFileTypes: true })
    .flatMap((d) => listFiles(path.join(entry, d.name)))
    .sort();
}

export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const file of BUILD_INPUTS.flatMap((i) => listFiles(path.join(root, i)))) {
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

const stampFile = (distDir: string) => path.join(distDir, 'source-hash');

/** The standalone server `npm start` runs (and the container image's CMD). */
export const standaloneServer = (distDir: string) => path.join(distDir, 'standalone', 'server.js');

export function isBuildFresh(root: string, distDir: string): boolean {
  const stamp = stampFile(distDir);
  return (
    existsSync(path.join(distDir, 'BUILD_ID')) &&
    // A build from before `output: 'standalone'` has no server to run.
    existsSync(standaloneServer(distDir)) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8') === sourceHash(root)
  );
}

/**
 * Puts what `next build` leaves out of the standalone output beside its server.js, as Next
 * documents and the Dockerfile does: `<distDir>/static` as `standalone/<distDir>/static`, and
 * `public/` as `standalone/public`. Replaced each time, so a file deleted since is gone too.
 */
export function copyStandaloneAssets(root: string, distDir: string): void {
  const standalone = path.join(distDir, 'standalone');
  const copies = [
    [path.join(distDir, 'static'), path.join(standalone, path.relative(root, distDir), 'static')],
    [path.join(root, 'public'), path.join(standalone, 'public')],
  ] as const;
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
}

export function markBuildFresh(root: string, distDir: string): void {
  writeFileSync(stampFile(distDir), sourceHash(root));
}

export type BuildOptions = {
  env: NodeJS.ProcessEnv;
  /** Called when a build starts (not when the build is fresh): a launcher can log it and stop it on Ctrl-C. */
  onBuild?: (child: ChildProcess) => void;
  /** Keep the build's output (and put its tail in the error) instead of printing it. */
  quiet?: boolean;
};

/**
 * The standalone server ready to run from `distDir`: `next build` unless the build is fresh (then
 * stamped), and the static files and public/ beside server.js. `npm start`, `npm run serve` and
 * the tests that run the standalone server all start here.
 */
export async function ensureStandaloneBuild(
  root: string,
  distDir: string,
  options: BuildOptions,
): Promise<void> {
  if (!isBuildFresh(root, distDir)) {
    const next = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
    const child = spawn(process.execPath, [next, 'build'], {
      cwd: root,
      env: options.env,
      stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    options.onBuild?.(child);
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0)
      throw new Error(`next build failed with exit code ${code}${output ? `:\n${output.slice(-4000)}` : ''}`);
    markBuildFresh(root, distDir);
  }
  copyStandaloneAssets(root, distDir);
}
