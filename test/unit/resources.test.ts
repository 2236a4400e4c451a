import { describe, expect, it } from 'vitest';
import { keyAttributesOf, ordersTable, type TableDefinition } from '@/lib/resources';

describe('keyAttributesOf', () => {
  it('lists each key attribute of the orders table and its indexes once', () => {
    // order_date is the sort key of both indexes but must be defined once for CreateTable.
    expect(keyAttributesOf(ordersTable)).toEqual([
      { name: 'order_id', type: 'S' },
      { name: 'entity', type: 'S' },
      { name: 'order_date', type: 'S' },
      { name: 'status', type: 'S' },
    ]);
  });

  it('keeps a table without indexes to its partition key', () => {
    const table: TableDefinition = { ...ordersTable, indexes: [] };
    expect(keyAttributesOf(table)).toEqual([{ name: 'order_id', type: 'S' }]);
  });
});
