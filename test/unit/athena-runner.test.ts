import { describe, expect, it } from 'vitest';
import { nextPollDelay, toAthenaLiteral } from '@/lib/analytics/runner';

describe('toAthenaLiteral', () => {
  it('quotes strings and doubles embedded quotes', () => {
    expect(toAthenaLiteral("it's")).toBe("'it''s'");
    expect(toAthenaLiteral("x' OR '1'='1")).toBe("'x'' OR ''1''=''1'");
  });

  it('writes numbers, bigints, booleans and null as SQL literals', () => {
    expect(toAthenaLiteral(42)).toBe('42');
    expect(toAthenaLiteral(-1.5)).toBe('-1.5');
    expect(toAthenaLiteral(12345678901234567890n)).toBe('12345678901234567890');
    expect(toAthenaLiteral(true)).toBe('true');
    expect(toAthenaLiteral(null)).toBe('NULL');
  });

  it('rejects non-finite numbers', () => {
    expect(() => toAthenaLiteral(Number.NaN)).toThrow(RangeError);
    expect(() => toAthenaLiteral(Number.POSITIVE_INFINITY)).toThrow(/finite/);
  });
});

describe('nextPollDelay', () => {
  it('checks first after 10 ms, then every 25 ms for the first 2 s', () => {
    expect(nextPollDelay(0, 0)).toBe(10);
    expect(nextPollDelay(10, 10)).toBe(25);
    expect(nextPollDelay(1_999, 25)).toBe(25);
  });

  it('then doubles up to a check a second', () => {
    expect(nextPollDelay(2_000, 25)).toBe(50);
    expect(nextPollDelay(3_000, 400)).toBe(800);
    expect(nextPollDelay(9_000, 800)).toBe(1_000);
    expect(nextPollDelay(60_000, 1_000)).toBe(1_000);
  });
});
