import { readdirSync, readFileSync } from 'node:fs';
import { BUILD_INPUTS } from '@/local/next-build';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  instructions,
  isIgnored,
  parseCopy,
  parseDockerfile,
  parseEnv,
  workdir,
  type Stage,
} from '@/test/support/dockerfile';

const root = path.resolve(import.meta.dirname, '../..');
const dockerfile = parseDockerfile(readFileSync(path.join(root, 'Dockerfile'), 'utf8'));
const dockerignore = readFileSync(path.join(root, '.dockerignore'), 'utf8');
const runtime = dockerfile.stages.at(-1)!;
const stage = (name: string) => dockerfile.stages.find((s) => s.name === name)!;
const env = (s: Stage) =>
  Object.assign({}, ...instructions(s, 'ENV').map(parseEnv)) as Record<string, string>;

describe('Dockerfile', () => {
  it('builds in three stages from one pinned node 20 bookworm-slim image', () => {
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['deps', 'build', 'runtime']);
    const images = new Set(dockerfile.stages.map((s) => s.image));
    expect([...images]).toHaveLength(1);
    expect([...images][0]).toMatch(/^node:20\.\d+\.\d+-bookworm-slim(@sha256:[0-9a-f]{64})?$/);
  });

  it('installs the lockfile with npm ci and builds with telemetry off', () => {
    expect(
      instructions(stage('deps'), 'RUN')
        .map((r) => r.args)
        .join('\n'),
    ).toMatch(/\bnpm ci\b/);
    const build = stage('build');
    expect(env(build).NEXT_TELEMETRY_DISABLED).toBe('1');
    expect(
      instructions(build, 'RUN')
        .map((r) => r.args)
        .join('\n'),
    ).toMatch(/\bnext(\/dist\/bin\/next)? build\b/);
  });

  it('runs as the non-root node user in the final stage, before CMD', () => {
    const users = instructions(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0];
    expect(user).not.toMatch(/^(root|0)$/);
    expect(user).toBe('node');
    const order = runtime.instructions.map((i) => i.keyword);
    expect(order.lastIndexOf('USER')).toBeLessThan(order.lastIndexOf('CMD'));
  });

  it('copies only the standalone output, its static files and public/ into the final stage', () => {
    const copies = instructions(runtime, 'COPY').map(parseCopy);
    const root = workdir(stage('build'));
    expect(workdir(runtime)).toBe('/app');
    expect(copies.map((c) => [c.flags.from, c.sources, c.dest])).toEqual([
      ['build', [`${root}/.next/standalone`], './'],
      ['build', [`${root}/.next/static`], './.next/static'],
      ['build', [`${root}/public`], './public'],
    ]);
    // Nothing else arrives: no ADD, no copy from the context or the deps stage's node_modules.
    expect(instructions(runtime, 'ADD')).toEqual([]);
  });

  it('serves server.js on 0.0.0.0:3000 in production, with its own SIGTERM drain', () => {
    expect(JSON.parse(instructions(runtime, 'CMD').at(-1)!.args)).toEqual(['node', 'server.js']);
    expect(env(runtime)).toMatchObject({
      NODE_ENV: 'production',
      HOSTNAME: '0.0.0.0',
      PORT: '3000',
      NEXT_MANUAL_SIG_HANDLE: 'true',
    });
    expect(instructions(runtime, 'EXPOSE').map((e) => e.args)).toEqual(['3000']);
  });

  it("keeps idle connections open longer than the load balancer's idle timeout", () => {
    // Read from the CDK source, not imported: the unit suite does not load aws-cdk-lib.
    const entry = readFileSync(path.join(root, 'infra/lib/dashboard-entry.ts'), 'utf8');
    const seconds = /ALB_IDLE_TIMEOUT = Duration\.seconds\((\d+)\)/.exec(entry)?.[1];
    expect(seconds, 'ALB_IDLE_TIMEOUT in infra/lib/dashboard-entry.ts').toBeDefined();
    expect(Number(env(runtime).KEEP_ALIVE_TIMEOUT)).toBeGreaterThan(Number(seconds) * 1_000);
  });
});

describe('.dockerignore', () => {
  it.each([
    'node_modules/next/package.json',
    '.next/BUILD_ID',
    '.next-test/standalone/server.js',
    '.next-test-b/BUILD_ID',
    '.data/dynamodb/shared-local-instance.db',
    'cdk.out/manifest.json',
    '.env',
    '.env.local',
    '.env.production',
    '.git/HEAD',
  ])('keeps %s out of the build context', (file) => {
    expect(isIgnored(dockerignore, file)).toBe(true);
  });

  it('keeps every input of the dashboard build in it', () => {
    // The same list `npm start` hashes to decide whether to rebuild.
    const inputs = BUILD_INPUTS;
    expect(inputs.length).toBeGreaterThan(5);
    for (const input of [
      ...inputs,
      'package.json',
      'lib/auth/static-security-headers.json',
      'public/robots.txt',
    ])
      expect(isIgnored(dockerignore, input), input).toBe(false);
  });

  it('the dashboard imports nothing from the directories it leaves out', () => {
    const excluded = ['local', 'test', 'scripts', 'bench', 'infra'].filter((dir) =>
      isIgnored(dockerignore, `${dir}/x.ts`),
    );
    expect(excluded).toContain('local');
    const files = (dir: string): string[] =>
      readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((d) =>
        d.isDirectory()
          ? files(path.join(dir, d.name))
          : /\.(ts|tsx)$/.test(d.name)
            ? [path.join(dir, d.name)]
            : [],
      );
    const sources = [
      ...files('app'),
      ...files('components'),
      ...files('lib'),
      'proxy.ts',
      'instrumentation.ts',
    ];
    const offenders = sources.filter((file) => {
      const text = readFileSync(path.join(root, file), 'utf8');
      return excluded.some((dir) =>
        new RegExp(`from '(@/${dir}/|(\\.\\./)+${dir}/)|import\\('(@/${dir}/|(\\.\\./)+${dir}/)`).test(text),
      );
    });
    expect(offenders).toEqual([]);
  });
});

describe('the ignore-pattern matcher', () => {
  it('follows Docker: directories match their contents, the last rule wins, ! re-includes', () => {
    expect(isIgnored('node_modules', 'node_modules/a/b.js')).toBe(true);
    expect(isIgnored('.next-*', '.next-test/x')).toBe(true);
    expect(isIgnored('.next-*', '.next/x')).toBe(false);
    expect(isIgnored('*.md\n!README.md', 'README.md')).toBe(false);
    expect(isIgnored('*.md', 'docs/a.md')).toBe(false);
    expect(isIgnored('**/*.md', 'docs/a.md')).toBe(true);
    expect(isIgnored('# node_modules', 'node_modules/x')).toBe(false);
  });
});
