import { describe, expect, it } from 'vitest';
import {
  formatMoney,
  lineTotalCents,
  minorToMajorString,
  orderTotalCents,
  parseMajorToMinor,
  unitCount,
} from '@/lib/orders/money';

describe('line and order totals', () => {
  it('multiplies quantity by unit price', () => {
    expect(lineTotalCents({ quantity: 3, unit_price_cents: 4_999 })).toBe(14_997);
  });

  it('sums every line, and an order without lines totals zero', () => {
    const lines = [
      { quantity: 2, unit_price_cents: 129_900 },
      { quantity: 1, unit_price_cents: 1 },
      { quantity: 7, unit_price_cents: 0 },
    ];
    expect(orderTotalCents(lines)).toBe(259_801);
    expect(orderTotalCents([])).toBe(0);
    expect(unitCount(lines)).toBe(10);
  });

  it('stays exact where floats would drift (0.1 + 0.2)', () => {
    expect(
      orderTotalCents([
        { quantity: 1, unit_price_cents: 10 },
        { quantity: 1, unit_price_cents: 20 },
      ]),
    ).toBe(30);
  });
});

describe('parseMajorToMinor', () => {
  it.each([
    ['1299', 'USD', 129_900],
    ['1,299.00', 'USD', 129_900],
    ['0.5', 'USD', 50],
    ['0.05', 'EUR', 5],
    ['  12.3 ', 'GBP', 1_230],
    ['1500', 'JPY', 1_500],
    ['1,500', 'JPY', 1_500],
  ] as const)('parses %j in %s as %d minor units', (text, currency, expected) => {
    expect(parseMajorToMinor(text, currency)).toBe(expected);
  });

  it.each([
    ['1.234', 'USD'],
    ['-1', 'USD'],
    ['1e3', 'USD'],
    ['abc', 'USD'],
    ['', 'USD'],
    ['1.5', 'JPY'],
    ['99999999999999999999', 'USD'],
  ] as const)('rejects %j in %s', (text, currency) => {
    expect(parseMajorToMinor(text, currency)).toBeNull();
  });
});

describe('minorToMajorString', () => {
  it.each([
    [129_900, 'USD', '1299.00'],
    [5, 'USD', '0.05'],
    [0, 'EUR', '0.00'],
    [-250, 'USD', '-2.50'],
    [1_500, 'JPY', '1500'],
  ] as const)('formats %d %s as %j', (minor, currency, expected) => {
    expect(minorToMajorString(minor, currency)).toBe(expected);
  });

  it('round-trips with parseMajorToMinor', () => {
    for (const minor of [0, 1, 99, 100, 123_456_789]) {
      expect(parseMajorToMinor(minorToMajorString(minor, 'USD'), 'USD')).toBe(minor);
    }
  });
});

describe('formatMoney', () => {
  it('formats with symbol and grouping', () => {
    expect(formatMoney(129_900, 'USD')).toBe('$1,299.00');
    expect(formatMoney(1_500, 'JPY')).toBe('¥1,500');
  });

  it('is exact for the largest safe amount, where dividing by 100 as a float is not', () => {
    // minor / 100 as a float would print $90,071,992,547,409.90 and …409.88 here.
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'USD')).toBe('$90,071,992,547,409.91');
    expect(formatMoney(9_007_199_254_740_987, 'USD')).toBe('$90,071,992,547,409.87');
    expect(formatMoney(100_000_000 * 10_000 * 100, 'USD')).toBe('$1,000,000,000,000.00');
  });
});
