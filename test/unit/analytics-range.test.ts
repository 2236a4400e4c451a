import { describe, expect, it } from 'vitest';
import { bucketsOf, granularityFor, startOfDayIso, todayIn, toRange, zonedToUtcMs } from '@/lib/analytics/range';
import { rangeQuerySchema } from '@/lib/analytics/range-schema';
import { presetRange, readParams } from '@/components/analytics/params';

const range = (from: string, to: string, tz = 'UTC') => toRange(rangeQuerySchema.parse({ from, to, tz }));

describe('day boundaries in a time zone', () => {
  it('maps local midnight to UTC, across daylight saving changes', () => {
    expect(startOfDayIso('2026-03-07', 'America/New_York')).toBe('2026-03-07T05:00:00.000Z'); // EST
    expect(startOfDayIso('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z'); // EDT
    expect(startOfDayIso('2026-11-20', 'Asia/Kolkata')).toBe('2026-11-19T18:30:00.000Z');
    expect(startOfDayIso('2026-11-20', 'UTC')).toBe('2026-11-20T00:00:00.000Z');
    expect(new Date(zonedToUtcMs(2026, 10, 25, 0, 'Europe/Berlin')).toISOString()).toBe('2026-10-24T22:00:00.000Z');
  });

  it('makes `to` inclusive and the previous period the same length', () => {
    const r = range('2026-03-09', '2026-03-10', 'America/New_York');
    expect(r).toMatchObject({
      startIso: '2026-03-09T04:00:00.000Z',
      endIso: '2026-03-11T04:00:00.000Z',
      days: 2,
      granularity: 'hour',
      previous: { from: '2026-03-07', to: '2026-03-08', startIso: '2026-03-07T05:00:00.000Z', endIso: '2026-03-09T04:00:00.000Z' },
    });
  });

  it('reads today in the zone, not in UTC', () => {
    const lateEvening = Date.parse('2026-11-20T03:00:00Z');
    expect(todayIn('UTC', lateEvening)).toBe('2026-11-20');
    expect(todayIn('America/Los_Angeles', lateEvening)).toBe('2026-11-19');
  });
});

describe('granularity and buckets', () => {
  it('follows the length of the range', () => {
    expect([1, 2, 3, 62, 63, 186, 187, 365].map(granularityFor)).toEqual(['hour', 'hour', 'day', 'day', 'week', 'week', 'month', 'month']);
  });

  it('has 23 hourly buckets on the day clocks go forward', () => {
    const buckets = bucketsOf(range('2026-03-08', '2026-03-08', 'America/New_York'), Date.parse('2027-01-01T00:00:00Z'));
    expect(buckets).toHaveLength(23);
    expect(buckets.map((b) => b.key)).not.toContain('2026-03-08 02');
    expect(buckets.every((b) => !b.partial)).toBe(true);
  });

  it('marks the bucket in progress, and later ones, as partial', () => {
    const r = range('2026-11-01', '2026-11-30');
    const buckets = bucketsOf(r, Date.parse('2026-11-20T10:00:00Z'));
    expect(buckets).toHaveLength(30);
    expect(buckets.filter((b) => b.partial).map((b) => b.key)[0]).toBe('2026-11-20 00');
    expect(buckets.filter((b) => b.partial)).toHaveLength(11);
  });

  it('starts weeks on Monday and marks clipped weeks and months partial', () => {
    const weeks = bucketsOf(range('2026-09-02', '2026-11-30'), Date.parse('2027-01-01T00:00:00Z'));
    expect(weeks[0]).toMatchObject({ key: '2026-08-31 00', partial: true });
    expect(weeks[1]).toMatchObject({ key: '2026-09-07 00', partial: false });
    const months = bucketsOf(range('2026-01-15', '2026-12-31', 'Asia/Tokyo'), Date.parse('2027-01-01T00:00:00Z'));
    expect(months.map((m) => m.key)[0]).toBe('2026-01-01 00');
    expect(months).toHaveLength(12);
    expect(months[0]!.partial).toBe(true);
    expect(months[11]).toMatchObject({ key: '2026-12-01 00', partial: false, startMs: Date.parse('2026-11-30T15:00:00Z') });
  });
});

describe('query validation', () => {
  it('refuses bad dates, a reversed range, an unknown zone and an unknown currency with reasons', () => {
    const reasons = (input: Record<string, string>) => {
      const result = rangeQuerySchema.safeParse(input);
      return result.success ? [] : result.error.issues.map((i) => i.message);
    };
    expect(reasons({ from: '2026-11-02', to: '2026-11-01' })).toEqual(['from must be on or before to']);
    expect(reasons({ from: '2026-02-29', to: '2026-03-01' })).toEqual(['from must be a date such as 2026-11-01']);
    expect(reasons({ from: '2026-11-01', to: '2026-11-01', tz: 'Nowhere/City' })[0]).toMatch(/IANA time zone/);
    expect(reasons({ from: '2026-11-01', to: '2026-11-01', currency: 'XYZ' })[0]).toMatch(/currency must be one of/);
    expect(reasons({ to: '2026-11-01' })[0]).toMatch(/from is required/);
    expect(rangeQuerySchema.parse({ from: '2026-11-01', to: '2026-11-01' })).toEqual({ from: '2026-11-01', to: '2026-11-01', tz: 'UTC', currency: 'USD' });
  });
});

describe('page parameters', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');
  it('defaults to the last 30 days in UTC and flags what it dropped', () => {
    expect(readParams({}, now)).toEqual({ from: '2026-10-22', to: '2026-11-20', tz: 'UTC', currency: 'USD', invalid: false });
    expect(readParams({ from: '2026-11-05', to: '2026-11-01' }, now)).toMatchObject({ from: '2026-10-22', invalid: true });
    expect(readParams({ tz: 'Asia/Tokyo', from: '2026-11-01', to: '2026-11-05' }, now)).toMatchObject({ tz: 'Asia/Tokyo', from: '2026-11-01', invalid: false });
  });

  it('computes presets in the chosen zone', () => {
    expect(presetRange('7d', 'UTC', now)).toEqual({ from: '2026-11-14', to: '2026-11-20' });
    expect(presetRange('mtd', 'UTC', now)).toEqual({ from: '2026-11-01', to: '2026-11-20' });
    expect(presetRange('last-month', 'UTC', now)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(presetRange('ytd', 'UTC', now)).toEqual({ from: '2026-01-01', to: '2026-11-20' });
    expect(presetRange('12m', 'UTC', now)).toEqual({ from: '2025-12-01', to: '2026-11-20' });
    expect(presetRange('12m', 'UTC', Date.parse('2026-12-05T00:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-12-05' });
    expect(presetRange('7d', 'Pacific/Auckland', now)).toEqual({ from: '2026-11-14', to: '2026-11-20' });
  });
});
