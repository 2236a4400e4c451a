import { afterEach, describe, expect, it, vi } from 'vitest';
import { changeOf, formatChange } from '@/components/analytics/format';

const runQuery = vi.fn();
vi.mock('@/lib/analytics/runner', () => ({ runQuery: (...args: unknown[]) => runQuery(...args) }));

const { averageCents } = await import('@/lib/analytics/dashboard');
const { addStats, runNamed, inFlightCount, toInt } = await import('@/lib/analytics/run-named');
const { QUERIES, versionsQuery } = await import('@/lib/analytics/queries');

afterEach(() => runQuery.mockReset());

describe('money rules', () => {
  it('rounds the average order value half up, in whole cents', () => {
    expect(averageCents(0, 0)).toBe(0);
    expect(averageCents(1001, 2)).toBe(501); // 500.5 → 501
    expect(averageCents(1000, 3)).toBe(333); // 333.33 → 333
    expect(averageCents(2000, 3)).toBe(667); // 666.67 → 667
    expect(averageCents(9_007_199_254_740_991, 2)).toBe(4_503_599_627_370_496);
  });

  it('reads integers exactly and refuses anything else', () => {
    expect(toInt('123456789012')).toBe(123_456_789_012);
    expect(toInt(null)).toBe(0);
    expect(() => toInt('1.5')).toThrow(/integer/);
    expect(() => toInt('99999999999999999999')).toThrow(/integer/);
  });

  it('says "New" when the previous value was zero', () => {
    expect(formatChange(changeOf(5, 0))).toBe('New');
    expect(formatChange(changeOf(0, 0))).toBe('—');
    expect(formatChange(changeOf(150, 100))).toBe('+50%');
    expect(formatChange(changeOf(95, 100))).toBe('-5.0%');
  });
});

describe('named queries', () => {
  it('share one execution between identical calls in flight, and none after', async () => {
    let finish: (value: unknown) => void = () => undefined;
    runQuery.mockImplementation(
      () => new Promise((resolve) => (finish = resolve)),
    );
    const a = runNamed('kpis', ['2026-11-01T00:00:00.000Z', 'USD', '2026-10-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    const b = runNamed('kpis', ['2026-11-01T00:00:00.000Z', 'USD', '2026-10-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    const other = runNamed('kpis', ['2026-11-02T00:00:00.000Z', 'USD', '2026-10-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
    expect(runQuery).toHaveBeenCalledTimes(2);
    expect(inFlightCount()).toBe(2);
    finish({ columns: [{ name: 'orders', type: 'bigint' }], rows: [['3']], stats: { bytes_scanned: 10, elapsed_ms: 5 } });
    await other;
    runQuery.mockResolvedValue({ columns: [{ name: 'orders', type: 'bigint' }], rows: [['3']], stats: { bytes_scanned: 10, elapsed_ms: 5 } });
    await runNamed('kpis', ['x', 'USD', 'y', 'z']);
    expect(inFlightCount()).toBe(1); // only `a`/`b`, whose promise was never resolved by this mock
  });

  it('passes user input only as parameters', async () => {
    runQuery.mockResolvedValue({ columns: [], rows: [], stats: { bytes_scanned: 0, elapsed_ms: 0 } });
    const hostile = "USD' OR 1=1 --";
    await runNamed('dimensions', [hostile, '2026-11-01T00:00:00.000Z', '2026-12-01T00:00:00.000Z']);
    const [sql, opts] = runQuery.mock.calls[0] as [string, { params: string[] }];
    expect(sql).toBe(QUERIES.dimensions.sql);
    expect(sql).not.toContain(hostile);
    expect(opts.params[0]).toBe(hostile);
    for (const query of Object.values(QUERIES)) expect(query.sql).toMatch(/\?/);
    expect(versionsQuery(3).sql).toMatch(/IN \(\?, \?, \?\)$/);
  });
});

describe('stats of a widget', () => {
  it('adds bytes, takes the slowest query, and says reused only when every query was', () => {
    const reused = { bytes_scanned: 0, elapsed_ms: 4, reused: true, execution_id: 'a' };
    const scanned = { bytes_scanned: 900, elapsed_ms: 30, execution_id: 'b' };
    expect(addStats([reused, scanned])).toEqual({ queries: 2, execution_ids: ['a', 'b'], bytes_scanned: 900, elapsed_ms: 30 });
    expect(addStats([reused, { ...reused, execution_id: 'c' }])).toEqual({
      queries: 2,
      execution_ids: ['a', 'c'],
      bytes_scanned: 0,
      elapsed_ms: 4,
      reused: true,
    });
    expect(addStats([]).reused).toBeUndefined();
  });
});
