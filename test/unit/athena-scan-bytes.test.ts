import { describe, expect, it } from 'vitest';
import { columnsRead, filterPredicate, partitionsScanned, scansInPlan } from '@/local/athena/engine/scan-bytes';

const DAYS = ['2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-12-01'];

describe('partition pruning from the pushed-down filters of a plan', () => {
  it('finds every table scan in an EXPLAIN (FORMAT JSON) plan, with its filters', () => {
    const plan = JSON.stringify([
      {
        name: 'HASH_JOIN',
        children: [
          {
            name: 'SEQ_SCAN',
            children: [],
            extra_info: {
              Table: 'awsdatacatalog.sales_cdc.order_changes',
              Projections: 'order_id\ntotal_cents',
              Filters: "dt>='2026-11-21'",
            },
          },
          {
            name: 'SEQ_SCAN',
            children: [],
            extra_info: {
              Table: 'awsdatacatalog.sales_cdc.order_changes',
              Projections: ['status'],
              Filters: ["optional: dt IN ('a')", 'version>1'],
            },
          },
          { name: 'RANGE', children: [], extra_info: {} },
        ],
      },
    ]);
    expect(scansInPlan(plan)).toEqual([
      {
        table: 'awsdatacatalog.sales_cdc.order_changes',
        filters: ["dt>='2026-11-21'"],
        projections: ['order_id', 'total_cents'],
      },
      {
        table: 'awsdatacatalog.sales_cdc.order_changes',
        filters: ["optional: dt IN ('a')", 'version>1'],
        projections: ['status'],
      },
    ]);
  });

  it('reads the projected columns and the columns the filters test', () => {
    const known = new Set(['order_id', 'status', 'version', 'dt', 'total_cents']);
    const scan = { table: 't', filters: ["dt>='x'", 'version>1'], projections: ['order_id', '"status"'] };
    expect([...(columnsRead(scan, known) ?? [])].sort()).toEqual(['dt', 'order_id', 'status', 'version']);
    expect(columnsRead({ table: 't', filters: [], projections: [] }, known)?.size).toBe(0);
  });

  it('reads every column when a projection is not a plain column', () => {
    const known = new Set(['order_id']);
    expect(columnsRead({ table: 't', filters: [], projections: ['order_id', '#3'] }, known)).toBeUndefined();
  });

  it.each([
    [["dt='2026-11-20'"], ['2026-11-20']],
    [["dt>='2026-11-19' AND dt<='2026-11-20'"], ['2026-11-19', '2026-11-20']],
    [["dt>'2026-11-20'"], ['2026-11-21', '2026-12-01']],
    [["dt<'2026-11-19'", "status='paid'"], ['2026-11-18']],
    [["optional: dt IN ('2026-11-18', '2026-12-01')"], ['2026-11-18', '2026-12-01']],
    [["dt='2026-11-18' OR dt='2026-11-21'"], ['2026-11-18', '2026-11-21']],
    [["(dt='2026-11-18' OR dt='2026-11-21') AND version>2"], ['2026-11-18', '2026-11-21']],
    [["dt!='2026-11-18'"], ['2026-11-19', '2026-11-20', '2026-11-21', '2026-12-01']],
  ])('%j reads %j', (filters, expected) => {
    expect(partitionsScanned(filters, 'dt', DAYS)).toEqual(expected);
  });

  it.each([
    [[]],
    [['version>1']],
    [["dt='2026-11-18' OR status='x'"]],
    [['dt IS NOT NULL']],
    [["NOT (dt='2026-11-18')"]],
    [["dt='2026-11-18'::VARCHAR"]],
    [["dt=some_function('2026-11-18')"]],
    [["status='a AND dt=''2026-11-18'''"]],
  ])('reads every partition when the filters %j say nothing it can read about dt', (filters) => {
    expect(partitionsScanned(filters, 'dt', DAYS)).toEqual(DAYS);
  });

  it('treats an unreadable conjunct as true, never as false', () => {
    const matches = filterPredicate("dt>='2026-11-20' AND weird(dt) > 3", 'dt');
    expect(DAYS.filter(matches)).toEqual(['2026-11-20', '2026-11-21', '2026-12-01']);
  });
});
