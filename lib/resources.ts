/**
 * Names and shapes of every pipeline resource. The local launcher creates these on the
 * embedded emulators and the CDK app in infra/ deploys the same definitions to AWS.
 * Plain data only: no SDK or CDK imports, so both sides can read it.
 */

export type KeyAttribute = { name: string; type: 'S' | 'N' };

export type IndexDefinition = {
  name: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
};

export type TableDefinition = {
  name: string;
  partitionKey: KeyAttribute;
  stream: 'NEW_AND_OLD_IMAGES';
  indexes: readonly IndexDefinition[];
};

/** Constant partition value of the by_date index: every order lives under it. */
export const ORDER_ENTITY = 'order';

export const ORDERS_INDEX = {
  /** All orders by order_date. One GSI partition: fine to ~1,000 writes/s, see README. */
  byDate: 'by_date',
  /** Orders of one status by order_date. */
  byStatus: 'by_status',
} as const;

export const ordersTable: TableDefinition = {
  name: 'orders',
  partitionKey: { name: 'order_id', type: 'S' },
  stream: 'NEW_AND_OLD_IMAGES',
  indexes: [
    {
      name: ORDERS_INDEX.byDate,
      partitionKey: { name: 'entity', type: 'S' },
      sortKey: { name: 'order_date', type: 'S' },
    },
    {
      name: ORDERS_INDEX.byStatus,
      partitionKey: { name: 'status', type: 'S' },
      sortKey: { name: 'order_date', type: 'S' },
    },
  ],
};

/** Attribute definitions for CreateTable: every key attribute of the table and its indexes, once. */
export function keyAttributesOf(table: TableDefinition): KeyAttribute[] {
  const all = [table.partitionKey, ...table.indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return [...new Map(all.map((a) => [a.name, a])).values()];
}
