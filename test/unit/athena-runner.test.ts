import { describe, expect, it } from 'vitest';
import { toAthenaLiteral } from '@/lib/analytics/runner';

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
