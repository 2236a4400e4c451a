import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import os from 'node:os';
import path from 'node:path';
import { root, spawnLauncher, waitForHealth } from './launcher';
import { round } from './stats';

export const COLD_START_TARGET_S = 20;

export type ColdStart = {
  /** Spawn of the launcher → first 200 from /api/health, as a user would wait. */
  seconds: number;
  /** The launcher's own "Ready in" figure (excludes tsx startup). */
  launcher_reported_s: number | null;
  /** Launcher timestamps (s since it started): where the time goes. */
  local_aws_ready_s: number | null;
  seeded_s: number | null;
  seeded_orders: number | null;
  /** True if the launcher (re)built the dashboard during the measurement. */
  built_dashboard: boolean;
  target_s: number;
  pass: boolean;
};

/**
 * `npm start` on a first run: an empty data dir means DynamoDB Local starts, the table is
 * created and 300 demo orders are seeded. `distDir` set means a dist dir with no build in it.
 */
export async function measureColdStart(options: { distDir?: string; timeoutMs: number }): Promise<ColdStart> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'cdc-bench-data-'));
  const env: Record<string, string> = { LOCAL_DATA_DIR: dataDir };
  if (options.distDir) env.NEXT_DIST_DIR = options.distDir;
  const started = performance.now();
  const launcher = await spawnLauncher([], env);
  try {
    await waitForHealth(launcher, options.timeoutMs);
    const seconds = round((performance.now() - started) / 1000);
    // The banner follows the health check by a moment; give it a chance to be printed.
    for (let i = 0; i < 60 && !/Ready in/.test(launcher.output()); i++)
      await new Promise((r) => setTimeout(r, 50));
    const output = launcher.output();
    const ready = /Ready in\s+([\d.]+) s/.exec(output);
    const seeded = /seeded (\d+) demo orders.*\(([\d.]+) s\)/.exec(output);
    const aws = /local AWS ready at \S+ \(([\d.]+) s\)/.exec(output);
    return {
      seconds,
      launcher_reported_s: ready ? Number(ready[1]) : null,
      local_aws_ready_s: aws ? Number(aws[1]) : null,
      seeded_s: seeded ? Number(seeded[2]) : null,
      seeded_orders: seeded ? Number(seeded[1]) : null,
      built_dashboard: /building the dashboard/.test(output),
      target_s: COLD_START_TARGET_S,
      pass: seconds <= COLD_START_TARGET_S,
    };
  } finally {
    await launcher.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Cold start including `next build`, into a throw-away dist dir so the main `.next` stays as is.
 * `next build` adds that dir to tsconfig.json and next-env.d.ts; both are put back byte for byte
 * (tsconfig.json is one of the build's source-hash inputs), unless someone else changed them meanwhile.
 */
export async function measureColdStartWithBuild(timeoutMs: number): Promise<ColdStart & { notes: string[] }> {
  const distDir = '.next-bench';
  const distPath = path.join(root, distDir);
  const files = ['tsconfig.json', 'next-env.d.ts'].map((name) => path.join(root, name));
  const before = files.map((file) => (existsSync(file) ? readFileSync(file, 'utf8') : undefined));
  const notes: string[] = [];
  rmSync(distPath, { recursive: true, force: true });
  try {
    return { ...(await measureColdStart({ distDir, timeoutMs })), notes };
  } finally {
    rmSync(distPath, { recursive: true, force: true });
    files.forEach((file, i) => {
      const original = before[i];
      const now = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (original === undefined || now === original) return;
      if (onlyBenchDistDiffers(path.basename(file), original, now ?? '', distDir))
        writeFileSync(file, original);
      else
        notes.push(
          `${path.basename(file)} changed during the build in a way not due to ${distDir}; left as is`,
        );
    });
  }
}

function onlyBenchDistDiffers(name: string, original: string, now: string, distDir: string): boolean {
  if (name === 'next-env.d.ts') return now.includes(distDir);
  try {
    const current = JSON.parse(now) as { include?: string[] };
    current.include = current.include?.filter((entry) => !entry.startsWith(`${distDir}/`));
    return isDeepStrictEqual(current, JSON.parse(original));
  } catch {
    return false;
  }
}
