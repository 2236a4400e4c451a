import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Everything a production build depends on. A change to any of it triggers a rebuild on start. */
const INPUTS = ['app', 'components', 'lib', 'public', 'proxy.ts', 'next.config.js', 'package-lock.json', 'tailwind.config.ts', 'postcss.config.mjs', 'tsconfig.json'];

function listFiles(entry: string): string[] {
  if (!existsSync(entry)) return [];
  if (statSync(entry).isFile()) return [entry];
  return readdirSync(entry, { withFileTypes: true })
    .flatMap((d) => listFiles(path.join(entry, d.name)))
    .sort();
}

export function sourceHash(root: string): string {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((i) => listFiles(path.join(root, i)))) {
    hash.update(path.relative(root, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

const stampFile = (distDir: string) => path.join(distDir, 'source-hash');

export function isBuildFresh(root: string, distDir: string): boolean {
  const stamp = stampFile(distDir);
  return existsSync(path.join(distDir, 'BUILD_ID')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === sourceHash(root);
}

export function markBuildFresh(root: string, distDir: string): void {
  writeFileSync(stampFile(distDir), sourceHash(root));
}
