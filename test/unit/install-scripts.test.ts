import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * npm 11 runs a dependency's install scripts only if package.json's `allowScripts` approves it,
 * and warns about every one it has no entry for. Each package in the lockfile that has an install
 * script must have been reviewed: an explicit entry, so a fresh `npm install` warns about nothing
 * and runs only what was approved (README, "Install scripts").
 */

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));

describe('dependency install scripts', () => {
  it('are each approved or denied in allowScripts', () => {
    const lock = read('package-lock.json') as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([key]) => key.split('node_modules/').at(-1)!);
    const allowed = (read('package.json') as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    const entryFor = (name: string) =>
      Object.keys(allowed).find((key) => key === name || key.startsWith(`${name}@`));
    expect(withScripts.length).toBeGreaterThan(0);
    expect(withScripts.filter((name) => entryFor(name) === undefined)).toEqual([]);
  });
});
