import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../lib/app';
import type { Acknowledgement } from '../lib/nag-acknowledgements';

type Violation = {
  ruleName: string;
  severity: string;
  violatingConstructs: { constructPath: string }[];
  reason?: string;
};
type Report = {
  pluginReports: {
    pluginName: string;
    conclusion: string;
    violations: Violation[];
    suppressedViolations: Violation[];
  }[];
};

const outdir = mkdtempSync(path.join(tmpdir(), 'sales-cdc-nag-'));
let report: Report;
let acknowledgements: Acknowledgement[];

beforeAll(() => {
  // The same app `npm run synth` builds, with cdk-nag's AwsSolutions pack as a validation plugin.
  const { app, stack } = buildApp({
    nag: true,
    outdir,
    env: { account: '123456789012', region: 'eu-west-1' },
  });
  acknowledgements = stack.acknowledgements;
  app.synth(); // throws if any finding is neither fixed nor acknowledged
  report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as Report;
});

afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('cdk-nag AwsSolutions', () => {
  it('ran and passed', () => {
    const nag = report.pluginReports.find((r) => r.pluginName === 'AwsSolutions');
    expect(nag?.conclusion).toBe('success');
  });

  it('leaves no unacknowledged error or warning', () => {
    const open = report.pluginReports
      .flatMap((r) => r.violations)
      .map(
        (v) =>
          `${v.severity} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`,
      );
    expect(open).toEqual([]);
  });

  it('acknowledges exactly the listed findings, each where it occurs and with a real reason', () => {
    const suppressed = report.pluginReports.flatMap((r) => r.suppressedViolations);
    expect(new Set(suppressed.map((v) => v.ruleName))).toEqual(new Set(acknowledgements.map((a) => a.rule)));
    for (const ack of acknowledgements) {
      expect(ack.reason.length, ack.rule).toBeGreaterThan(60);
      const hit = suppressed.find(
        (v) =>
          v.ruleName === ack.rule && v.violatingConstructs.some((c) => c.constructPath.startsWith(ack.path)),
      );
      expect(hit, `${ack.rule} at ${ack.path} is a real finding`).toBeDefined();
    }
  });

  it('acknowledges nothing stack-wide', () => {
    for (const ack of acknowledgements) expect(ack.path.split('/').length, ack.path).toBeGreaterThan(1);
  });
});

describe('infra/README.md', () => {
  it('lists every acknowledged finding where it is acknowledged', () => {
    const readme = readFileSync(path.join(import.meta.dirname, '..', 'README.md'), 'utf8');
    for (const ack of acknowledgements) {
      // The README shows `<ChangeLog.Arn>` for the bucket's logical id and `arn:…:` for partition/region/account.
      const shown = ack.rule
        .replace(/<Storage(\w+?)[0-9A-F]{8}\.Arn>/, '<$1.Arn>')
        .replace(/arn:<AWS::Partition>:(logs|glue):[^:]+:[^:]+:/, 'arn:…:');
      const where = ack.path.split('/').slice(1).join('/');
      const row = readme
        .split('\n')
        .find((line) => line.includes(`\`${shown}\``) && line.includes(`\`${where}\``));
      expect(row, `${shown} at ${where}`).toBeDefined();
    }
  });
});

describe('cdk-nag on an environment-agnostic stack (no account or region, as in CI without AWS config)', () => {
  it('still has every finding acknowledged', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sales-cdc-nag-agnostic-'));
    try {
      const { app } = buildApp({ nag: true, outdir: dir, env: {} });
      expect(() => app.synth()).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cdk-nag on the other hosting shapes', () => {
  it.each([
    [
      'a custom domain (public ALB, regional WAF)',
      { domainName: 'sales.example.com', hostedZoneId: 'Z0123456789ABC', hostedZoneName: 'example.com' },
    ],
    ['CloudFront in us-east-1 (web ACL in the same stack)', {}],
    ['the pipeline alone', { dashboard: false }],
  ])('%s has every finding fixed or acknowledged', (_label, context) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sales-cdc-nag-shape-'));
    try {
      const region = 'domainName' in context ? 'eu-west-1' : 'us-east-1';
      const { app } = buildApp({ nag: true, outdir: dir, context, env: { account: '123456789012', region } });
      expect(() => app.synth()).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
