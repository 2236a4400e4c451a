import { describe, expect, it } from 'vitest';
import { classifyStatement, matchesShowPattern } from '@/local/athena/sql/statement';

describe('statement classification', () => {
  it.each([
    ['SELECT 1', 'DML', 'SELECT'],
    ['  -- leading comment\n with x AS (SELECT 1) SELECT * FROM x;', 'DML', 'SELECT'],
    ['(SELECT 1) UNION ALL (SELECT 2)', 'DML', 'SELECT'],
    ['VALUES (1, 2)', 'DML', 'SELECT'],
    ['EXPLAIN SELECT 1', 'UTILITY', 'EXPLAIN'],
  ])('%s runs in the engine as %s/%s', (sql, type, sub) => {
    const c = classifyStatement(sql);
    expect(c).toMatchObject({ statementType: type, substatementType: sub });
    expect(c.refusal).toBeUndefined();
    expect(c.catalog).toBeUndefined();
  });

  it.each([
    ['SHOW TABLES', { kind: 'show-tables' }],
    ["SHOW TABLES IN sales_cdc 'order*'", { kind: 'show-tables', database: 'sales_cdc', pattern: 'order*' }],
    ['show views from sales_cdc', { kind: 'show-views', database: 'sales_cdc' }],
    ["SHOW SCHEMAS LIKE 'sales*'", { kind: 'show-databases', pattern: 'sales*' }],
    ['SHOW COLUMNS IN order_changes', { kind: 'show-columns', table: { name: 'order_changes' } }],
    [
      'SHOW COLUMNS FROM orders_current IN sales_cdc',
      { kind: 'show-columns', table: { name: 'orders_current', database: 'sales_cdc' } },
    ],
    [
      'SHOW PARTITIONS sales_cdc.order_changes;',
      { kind: 'show-partitions', table: { name: 'order_changes', database: 'sales_cdc' } },
    ],
    [
      'SHOW CREATE VIEW awsdatacatalog.sales_cdc.orders_current',
      {
        kind: 'show-create',
        object: 'view',
        table: { name: 'orders_current', database: 'sales_cdc', catalog: 'awsdatacatalog' },
      },
    ],
    ['DESCRIBE `order_changes`', { kind: 'describe', table: { name: 'order_changes' } }],
    [
      'DESC "Sales_CDC".order_changes',
      { kind: 'describe', table: { name: 'order_changes', database: 'Sales_CDC' } },
    ],
  ])('%s is answered from the catalog', (sql, catalog) => {
    const c = classifyStatement(sql);
    expect(c.statementType).toBe('DDL');
    expect(c.refusal).toBeUndefined();
    expect(c.catalog).toMatchObject(catalog);
  });

  it.each([
    ['INSERT INTO order_changes VALUES (1)', 'DML', /read-only, so INSERT statements are not run/],
    ['CREATE TABLE x AS SELECT 1', 'DDL', /read-only, so CREATE statements/],
    ['DROP TABLE order_changes', 'DDL', /read-only, so DROP/],
    ['MSCK REPAIR TABLE order_changes', 'DDL', /Partitions are discovered automatically/],
    [
      "ALTER TABLE order_changes ADD PARTITION (dt = '2026-11-20')",
      'DDL',
      /Partitions are discovered automatically/,
    ],
    ["UNLOAD (SELECT 1) TO 's3://x/' WITH (format = 'JSON')", 'DML', /read-only, so UNLOAD/],
    ['PREPARE q FROM SELECT ?', 'UTILITY', /pass ExecutionParameters/],
    ["SET TimeZone = 'Europe/Paris'", 'UTILITY', /SET statements are not supported/],
    ["COPY x TO '/tmp/x'", 'UTILITY', /COPY statements are not supported/],
    ['SHOW FUNCTIONS', 'DDL', /SHOW FUNCTIONS is not supported locally/],
    ['SHOW TABLES extra words', 'DDL', /SYNTAX_ERROR/],
    ['   ', 'UTILITY', /The query is empty/],
  ])('%s is refused with a clear reason', (sql, type, reason) => {
    const c = classifyStatement(sql);
    expect(c.statementType).toBe(type);
    expect(c.refusal).toMatch(reason);
  });

  it('matches SHOW patterns the Athena way', () => {
    expect(matchesShowPattern('order_changes', undefined)).toBe(true);
    expect(matchesShowPattern('order_changes', 'order*')).toBe(true);
    expect(matchesShowPattern('orders_current', 'order_*')).toBe(false);
    expect(matchesShowPattern('ORDERS_CURRENT', 'orders_current|x')).toBe(true);
    expect(matchesShowPattern('ordersXcurrent', 'orders.current')).toBe(false);
  });
});
