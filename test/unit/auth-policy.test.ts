import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { accessFor, findPolicy, POLICY } from '@/lib/auth/policy';
import { CAPABILITIES } from '@/lib/auth/roles';

const appDir = path.resolve(import.meta.dirname, '../../app');

function filesNamed(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return filesNamed(full, name);
    return entry === name ? [full] : [];
  });
}

/** app/api/orders/[id]/route.ts → /api/orders/[id]; route groups `(x)` do not count. */
function routePath(file: string): string {
  const relative = path.relative(appDir, path.dirname(file)).split(path.sep).filter((s) => s && !/^\(.*\)$/.test(s));
  return `/${relative.join('/')}`;
}

const exportedMethods = (source: string) => [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);

describe('the access policy covers every route and page under app/', () => {
  const routes = filesNamed(appDir, 'route.ts');
  const pages = filesNamed(appDir, 'page.tsx');

  it('finds the route and page files (so the checks below cannot pass on nothing)', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(pages.length).toBeGreaterThan(10);
  });

  it.each(routes.map((file) => [routePath(file), file]))('route %s has a rule for each method it exports and goes through handle()', (route, file) => {
    const source = readFileSync(file, 'utf8');
    const entry = POLICY.find((e) => e.path === route && e.kind === 'api');
    expect(entry, `no policy entry for ${route}`).toBeDefined();
    const methods = exportedMethods(source);
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) expect(accessFor(entry!, method), `${method} ${route}`).toBeDefined();
    expect(Object.keys(entry!.methods).sort()).toEqual([...methods].sort());
    // Every handler is wrapped, so the check happens in the handler and not only in proxy.ts.
    for (const method of methods) expect(source).toMatch(new RegExp(`export const ${method} = handle(Queries|Analytics)?\\(`));
  });

  it.each(pages.map((file) => [routePath(file), file]))('page %s has a rule and checks it itself', (route, file) => {
    const entry = POLICY.find((e) => e.path === route && e.kind === 'page');
    expect(entry, `no policy entry for page ${route}`).toBeDefined();
    const access = entry!.methods.GET;
    if (access === 'public') return;
    expect(readFileSync(file, 'utf8')).toContain(`requirePageAccess('${route}')`);
  });

  it('has no entry without a file behind it', () => {
    const known = new Set([...routes, ...pages].map(routePath));
    for (const entry of POLICY) expect(known.has(entry.path), entry.path).toBe(true);
  });

  it('names only real capabilities', () => {
    for (const entry of POLICY) {
      for (const access of Object.values(entry.methods)) {
        expect(access === 'public' || access === 'signed-in' || access in CAPABILITIES, `${entry.path}: ${access}`).toBe(true);
      }
    }
  });

  it('keeps only the sign-in flow, the signed-out page and the liveness check public', () => {
    const open = POLICY.filter((e) => Object.values(e.methods).includes('public')).map((e) => e.path);
    expect(open.sort()).toEqual(['/api/health', '/api/health/live', '/auth/callback', '/auth/sign-in', '/auth/sign-out', '/signed-out']);
  });
});

describe('findPolicy', () => {
  it('prefers a literal segment over a parameter', () => {
    expect(findPolicy('/api/orders/summary')?.path).toBe('/api/orders/summary');
    expect(findPolicy('/api/orders/01JABCDEFGHJKMNPQRSTVWXYZ0')?.path).toBe('/api/orders/[id]');
    expect(findPolicy('/api/queries/run')?.path).toBe('/api/queries/run');
    expect(findPolicy('/api/queries/executions')?.path).toBe('/api/queries/executions');
    expect(findPolicy('/api/queries/abc')?.path).toBe('/api/queries/[id]');
    expect(findPolicy('/pipeline/trace')?.path).toBe('/pipeline/trace');
  });

  it('matches the CSV export and nested parameters', () => {
    expect(findPolicy('/api/queries/executions/e-1/results.csv')?.path).toBe('/api/queries/executions/[id]/results.csv');
    expect(findPolicy('/orders/X/edit')?.path).toBe('/orders/[id]/edit');
  });

  it('ignores a trailing slash but not extra segments', () => {
    expect(findPolicy('/orders/')?.path).toBe('/orders');
    expect(findPolicy('/api/orders/a/b/c')).toBeUndefined();
    expect(findPolicy('/nothing-here')).toBeUndefined();
  });

  it('decodes percent-encoding before matching, and refuses what does not decode', () => {
    expect(findPolicy('/api/%6Frders')?.path).toBe('/api/orders');
    expect(findPolicy('/api/orders/%E0%A4%A')).toBeUndefined();
    // An encoded slash stays inside its segment, as Next routes it.
    expect(findPolicy('/api/orders/a%2Fb')?.path).toBe('/api/orders/[id]');
  });

  it('treats HEAD as GET and refuses methods with no rule', () => {
    const entry = findPolicy('/api/orders/summary')!;
    expect(accessFor(entry, 'HEAD')).toBe('orders:read');
    expect(accessFor(entry, 'DELETE')).toBeUndefined();
  });
});
