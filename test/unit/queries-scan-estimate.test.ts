import { describe, expect, it } from 'vitest';
import { estimateScan, formatBytes } from '@/lib/queries/scan-estimate';

const partitions = new Map([
  ['2026-11-18', 1_000],
  ['2026-11-19', 2_000],
  ['2026-11-20', 4_000],
]);

describe('scan estimate', () => {
  it('warns when the change log is read without a dt filter, with the full size', () => {
    const estimate = estimateScan('SELECT count(*) FROM order_changes', [], partitions);
    expect(estimate).toMatchObject({
      reads_change_log: true,
      dt_filtered: false,
      partitions_scanned: 3,
      estimated_bytes: 7_000,
      total_bytes: 7_000,
    });
    expect(estimate.warning).toMatch(/whole change log .*3 partitions, about 6\.8 KB.*dt filter/);
  });

  it('narrows the estimate to the partitions a dt filter keeps', () => {
    const at = (sql: string, params: (string | number | null)[] = []) => estimateScan(sql, params, partitions);
    expect(at("SELECT * FROM order_changes WHERE dt = '2026-11-19'")).toMatchObject({ estimated_bytes: 2_000, warning: null });
    expect(at('SELECT * FROM sales_cdc.order_changes c WHERE c.dt >= ?', ['2026-11-19'])).toMatchObject({ estimated_bytes: 6_000 });
    expect(at("SELECT * FROM order_changes WHERE '2026-11-19' > dt")).toMatchObject({ estimated_bytes: 1_000 });
    expect(at("SELECT * FROM order_changes WHERE dt BETWEEN '2026-11-18' AND '2026-11-19'")).toMatchObject({ estimated_bytes: 3_000 });
    expect(at("SELECT * FROM order_changes WHERE dt IN ('2026-11-18', '2026-11-20')")).toMatchObject({ estimated_bytes: 5_000 });
    expect(at('SELECT dt, count(*) FROM order_changes WHERE dt <= ? AND dt >= ? GROUP BY dt', ['2026-11-19', '2026-11-19'])).toMatchObject({
      estimated_bytes: 2_000,
      partitions_scanned: 1,
    });
  });

  it('counts every partition for a dt filter it cannot evaluate, without warning', () => {
    const estimate = estimateScan("SELECT * FROM order_changes WHERE dt LIKE '2026-11-%'", [], partitions);
    expect(estimate).toMatchObject({ dt_filtered: true, estimated_bytes: 7_000, warning: null });
    expect(estimateScan('SELECT * FROM order_changes WHERE dt >= ?', [null], partitions)).toMatchObject({
      dt_filtered: true,
      estimated_bytes: 7_000,
    });
  });

  it('treats a dt in a string or comment as no filter', () => {
    const estimate = estimateScan("SELECT 'dt = x' FROM order_changes -- WHERE dt = '2026-11-20'", [], partitions);
    expect(estimate.dt_filtered).toBe(false);
    expect(estimate.warning).not.toBeNull();
  });

  it('counts the whole log for orders_current (current state needs every change) without warning', () => {
    expect(estimateScan('SELECT status, count(*) FROM orders_current GROUP BY 1', [], partitions)).toMatchObject({
      reads_current_view: true,
      reads_change_log: false,
      estimated_bytes: 7_000,
      warning: null,
    });
    expect(estimateScan('SELECT 1', [], partitions)).toMatchObject({ estimated_bytes: 0, warning: null });
  });

  it('formats sizes for people', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(250 * 1024 * 1024)).toBe('250 MB');
  });
});
