import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFORMANCE, runConformance, type ConformanceResult } from '@/local/athena/conformance';
import { removeDataDir, startAthenaHarness, type AthenaHarness } from '@/test/support/athena';

/**
 * Athena's documented examples (local/athena/conformance.ts) through the real Athena SDK client
 * against the local engine: each must print what Athena prints, or fail the way the table says.
 */

let athena: AthenaHarness;
let results: ConformanceResult[];

beforeAll(async () => {
  athena = await startAthenaHarness();
  results = await runConformance(athena.client);
}, 120_000);

afterAll(async () => {
  await athena?.stop();
  if (athena) await removeDataDir(athena.dataDir);
});

describe('the conformance table', () => {
  it('runs every case', () => {
    expect(results.map((r) => r.feature)).toEqual(CONFORMANCE.map((c) => c.feature));
  });

  it.each(CONFORMANCE.map((c) => [c.feature, c] as const))('%s', (feature, c) => {
    const result = results.find((r) => r.feature === feature)!;
    if ('rows' in c) expect(result.got, c.sql).toEqual(c.rows);
    else expect(result.got, c.sql).toMatch(c.fails);
    expect(result.passed).toBe(true);
  });
});
