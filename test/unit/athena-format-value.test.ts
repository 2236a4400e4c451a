import {
  BIGINT,
  BLOB,
  BOOLEAN,
  DATE,
  DOUBLE,
  FLOAT,
  INTERVAL,
  LIST,
  MAP,
  STRUCT,
  TIMESTAMP,
  TIMESTAMPTZ,
  VARCHAR,
  blobValue,
  dateValue,
  intervalValue,
  listValue,
  mapValue,
  structValue,
  timestampTZValue,
  timestampValue,
} from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import {
  formatDouble,
  formatFloat,
  formatTimestampMicros,
  formatterFor,
} from '@/local/athena/results/format-value';

describe('values as Athena prints them', () => {
  it.each([
    [3, '3.0'],
    [0.1 + 0.2, '0.30000000000000004'],
    [1234567.5, '1234567.5'],
    [1e7, '1.0E7'],
    [12345678.9, '1.23456789E7'],
    [0.0001, '1.0E-4'],
    [0.001, '0.001'],
    [-2.5e-5, '-2.5E-5'],
    [0, '0.0'],
    [-0, '-0.0'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
  ])('double %d → %s (Java Double.toString)', (value, text) => {
    expect(formatDouble(value)).toBe(text);
  });

  it('prints a float with the digits a float has', () => {
    expect(formatFloat(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat(Math.fround(1.5))).toBe('1.5');
  });

  it('prints timestamps with milliseconds, before and after 1970', () => {
    expect(formatTimestampMicros(1_795_168_800_123_456n)).toBe('2026-11-20 10:00:00.123');
    expect(formatTimestampMicros(-1n)).toBe('1969-12-31 23:59:59.999');
    expect(formatterFor(TIMESTAMP)(timestampValue(0n))).toBe('1970-01-01 00:00:00.000');
    expect(formatterFor(TIMESTAMPTZ)(timestampTZValue(1_795_168_800_000_000n))).toBe(
      '2026-11-20 10:00:00.000 UTC',
    );
    expect(formatterFor(DATE)(dateValue({ year: 2026, month: 11, day: 20 }))).toBe('2026-11-20');
  });

  it('prints nested values like Trino: [a, b], {name=value}, {key=value}, null inside', () => {
    const items = LIST(STRUCT({ sku: VARCHAR, quantity: BIGINT }));
    const value = listValue([
      structValue({ sku: 'LAP-13', quantity: 2n }),
      structValue({ sku: 'MOU', quantity: null }),
    ]);
    expect(formatterFor(items)(value)).toBe('[{sku=LAP-13, quantity=2}, {sku=MOU, quantity=null}]');
    expect(formatterFor(MAP(VARCHAR, DOUBLE))(mapValue([{ key: 'a', value: 1 }]))).toBe('{a=1.0}');
    expect(formatterFor(LIST(VARCHAR))(listValue([]))).toBe('[]');
  });

  it('prints the rest plainly, and NULL as null', () => {
    expect(formatterFor(BOOLEAN)(true)).toBe('true');
    expect(formatterFor(BIGINT)(9_007_199_254_740_993n)).toBe('9007199254740993');
    expect(formatterFor(VARCHAR)('')).toBe('');
    expect(formatterFor(VARCHAR)(null)).toBeNull();
    expect(formatterFor(FLOAT)(null)).toBeNull();
    expect(formatterFor(BLOB)(blobValue(new Uint8Array([0x61, 0xff])))).toBe('61 ff');
    expect(formatterFor(INTERVAL)(intervalValue(0, 1, 3_723_000_000n))).toBe('1 01:02:03.000');
    expect(formatterFor(INTERVAL)(intervalValue(14, 0, 0n))).toBe('1-2');
  });
});
