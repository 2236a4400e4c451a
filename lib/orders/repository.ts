import 'server-only';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { getConfig } from '@/lib/config';
import { ORDERS_INDEX } from '@/lib/resources';
import { DATE_PARTITIONS, dateShardOf } from './date-shards';
import { OrderNotFound, OrderVersionConflict, ValidationError } from './errors';
import { mergePartitions, type Positions, type StoreKey } from './merge-partitions';
import { queryEachPartition } from './partition-query';
import type { Order } from './schema';
import { guardStore } from './store-errors';

type StoredOrder = Order & { entity: string; search_text: string };
/** What a full replacement writes: everything but created_at, which the first write owns. */
export type OrderReplacement = Omit<Order, 'created_at'>;
export type { Positions, StoreKey };

const table = () => getConfig().ordersTableName;

/** Lower-cased customer and id text that `q` searches with `contains`. */
export function searchTextOf(order: Pick<Order, 'order_id' | 'customer'>): string {
  return `${order.order_id} ${order.customer.name} ${order.customer.email}`.toLowerCase();
}

function toStored<T extends OrderReplacement>(order: T): T & Omit<StoredOrder, keyof Order> {
  return { ...order, entity: dateShardOf(order.order_id), search_text: searchTextOf(order) };
}

export function fromStored(item: Record<string, unknown>): Order {
  const { entity: _entity, search_text: _search, ...order } = item as StoredOrder;
  return order;
}

export async function insertOrder(order: Order): Promise<void> {
  await guardStore(() =>
    getDynamoDbClient().send(
      new PutCommand({
        TableName: table(),
        Item: toStored(order),
        ConditionExpression: 'attribute_not_exists(order_id)',
      }),
    ),
  );
}

export async function findOrder(orderId: string): Promise<Order | undefined> {
  const result = await guardStore(() =>
    getDynamoDbClient().send(new GetCommand({ TableName: table(), Key: { order_id: orderId }, ConsistentRead: true })),
  );
  return result.Item ? fromStored(result.Item) : undefined;
}

/** Maps a failed version condition to a conflict (with the stored order) or not-found. */
function conditionFailure(error: unknown, orderId: string, expectedVersion: number): Error {
  if (error instanceof ConditionalCheckFailedException) {
    if (!error.Item) return new OrderNotFound(orderId);
    return new OrderVersionConflict(fromStored(unmarshall(error.Item)), expectedVersion, { cause: error });
  }
  return error as Error;
}

const VERSION_CONDITION = 'attribute_exists(order_id) AND version = :expected';

/** Replaces every mutable field when the stored version still equals `expectedVersion`. */
export async function replaceOrder(next: OrderReplacement, expectedVersion: number): Promise<Order> {
  const { order_id, ...fields } = toStored(next);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':expected': expectedVersion };
  const sets = Object.entries(fields).map(([key, value], i) => {
    names[`#f${i}`] = key;
    values[`:v${i}`] = value;
    return `#f${i} = :v${i}`;
  });
  try {
    const result = await guardStore(() =>
      getDynamoDbClient().send(
        new UpdateCommand({
          TableName: table(),
          Key: { order_id },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: VERSION_CONDITION,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    return fromStored(result.Attributes ?? {});
  } catch (error) {
    throw conditionFailure(error, order_id, expectedVersion);
  }
}

/** Sets audit fields and bumps the version, if the stored version is still `expectedVersion`. */
export async function stampOrder(
  orderId: string,
  expectedVersion: number,
  fields: Pick<Order, 'updated_at'> & { updated_by: string },
): Promise<void> {
  try {
    await guardStore(() =>
      getDynamoDbClient().send(
        new UpdateCommand({
          TableName: table(),
          Key: { order_id: orderId },
          UpdateExpression: 'SET updated_by = :by, updated_at = :at, version = :next',
          ConditionExpression: VERSION_CONDITION,
          ExpressionAttributeValues: { ':expected': expectedVersion, ':next': expectedVersion + 1, ':by': fields.updated_by, ':at': fields.updated_at },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
  } catch (error) {
    throw conditionFailure(error, orderId, expectedVersion);
  }
}

export async function removeOrder(orderId: string, expectedVersion: number): Promise<void> {
  try {
    await guardStore(() =>
      getDynamoDbClient().send(
        new DeleteCommand({
          TableName: table(),
          Key: { order_id: orderId },
          ConditionExpression: VERSION_CONDITION,
          ExpressionAttributeValues: { ':expected': expectedVersion },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
  } catch (error) {
    throw conditionFailure(error, orderId, expectedVersion);
  }
}

export type OrderQuery = {
  status?: Order['status'];
  /** Inclusive ISO bounds on order_date. */
  fromIso?: string;
  toIso?: string;
  ascending: boolean;
  /** Lower-cased substring matched against customer name, email and order id. */
  text?: string;
  /**
   * False for a caller who sees emails masked: the text must then match the order id or the
   * name, or a search would tell them what the masked address contains.
   */
  searchEmails: boolean;
};

/** The part of `search_text` a caller without email access may match (see searchTextOf). */
function visibleTextMatches(item: Record<string, unknown>, text: string): boolean {
  const customer = item.customer as { name?: unknown } | undefined;
  return `${String(item.order_id)} ${String(customer?.name ?? '')}`.toLowerCase().includes(text);
}

/** Keeps what the DynamoDB filter matched and, for a masked caller, only by id or name. */
function textFilter(query: OrderQuery): (item: Record<string, unknown>) => boolean {
  const { text } = query;
  return text && !query.searchEmails ? (item) => visibleTextMatches(item, text) : () => true;
}

/** Which index serves a query, and the partitions of it that hold the answer. */
export function indexFor(query: Pick<OrderQuery, 'status'>) {
  return query.status
    ? { name: ORDERS_INDEX.byStatus, partitionAttr: 'status', partitions: [query.status] as readonly string[] }
    : { name: ORDERS_INDEX.byDate, partitionAttr: 'entity', partitions: DATE_PARTITIONS };
}

/** The Query of one partition of the index: `:pk` is filled in per partition. */
function buildQuery(query: OrderQuery) {
  const index = indexFor(query);
  const names: Record<string, string> = { '#pk': index.partitionAttr };
  const values: Record<string, unknown> = {};
  let keyCondition = '#pk = :pk';
  if (query.fromIso || query.toIso) names['#date'] = 'order_date';
  if (query.fromIso && query.toIso) {
    keyCondition += ' AND #date BETWEEN :from AND :to';
    values[':from'] = query.fromIso;
    values[':to'] = query.toIso;
  } else if (query.fromIso) {
    keyCondition += ' AND #date >= :from';
    values[':from'] = query.fromIso;
  } else if (query.toIso) {
    keyCondition += ' AND #date <= :to';
    values[':to'] = query.toIso;
  }
  let filter: string | undefined;
  if (query.text) {
    names['#search'] = 'search_text';
    values[':text'] = query.text;
    filter = 'contains(#search, :text)';
  }
  return {
    index,
    input: {
      TableName: table(),
      IndexName: index.name,
      KeyConditionExpression: keyCondition,
      FilterExpression: filter,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ScanIndexForward: query.ascending,
    },
  };
}

export type OrderPage = { items: Order[]; positions: Positions | undefined };

/** Reads per partition per request when a text filter discards items; with FILTERED_CHUNK, bounds one call's cost. */
const MAX_FILTERED_PAGES = 10;
const FILTERED_CHUNK = 200;

/**
 * One page of `limit` orders, merged in order_date order from every partition of the index that
 * serves the query (the by_date shards, or one status). `positions` resume the next page; none
 * when nothing is left.
 */
export async function queryOrders(query: OrderQuery, limit: number, positions?: Positions): Promise<OrderPage> {
  const { index, input } = buildQuery(query);
  const partitions = index.partitions;
  // Each partition reads its share: of the page (plus a little for the skew), or under a text
  // filter of the 200 items a read used to scan, so one request still reads at most ~2,000.
  const chunk = query.text
    ? Math.ceil(FILTERED_CHUNK / partitions.length)
    : Math.min(limit + 1, Math.ceil((limit + 1) / partitions.length) + 2);
  const page = await mergePartitions<Record<string, unknown>>(
    {
      partitions,
      positions,
      limit,
      ascending: query.ascending,
      sortValue: (item) => String(item.order_date),
      keyOf: (item, partition) => ({ [index.partitionAttr]: partition, order_date: String(item.order_date), order_id: String(item.order_id) }),
      chunk,
      maxFetchesPerPartition: query.text ? MAX_FILTERED_PAGES : Number.MAX_SAFE_INTEGER,
      keep: textFilter(query),
    },
    async (partition, startKey, limitPerFetch) => {
      const result = await guardStore(() =>
        getDynamoDbClient().send(
          new QueryCommand({
            ...input,
            ExpressionAttributeValues: { ...input.ExpressionAttributeValues, ':pk': partition },
            ExclusiveStartKey: startKey,
            Limit: limitPerFetch,
          }),
        ),
      ).catch((error: unknown) => {
        // Only a client-supplied position can make this well-formed query invalid.
        if (positions && (error as Error).name === 'ValidationException') {
          throw new ValidationError([{ path: 'cursor', message: 'cursor does not fit this query; start from the first page' }]);
        }
        throw error;
      });
      return { items: result.Items ?? [], lastKey: result.LastEvaluatedKey as StoreKey | undefined };
    },
  );
  return { items: page.items.map(fromStored), positions: page.positions };
}

export type OrderTotals = { count: number; totals: Partial<Record<Order['currency'], number>>; complete: boolean };

const MAX_SUMMARY_ITEMS = 50_000;

/** Count and value of every order matching `query`, reading only the two attributes it needs. */
export async function totalOrders(query: OrderQuery): Promise<OrderTotals> {
  const { index, input } = buildQuery(query);
  const keep = textFilter(query);
  // A masked caller's text match needs the id and name too (textFilter).
  const visible = query.text && !query.searchEmails;
  const totals: OrderTotals['totals'] = {};
  let count = 0;
  const { complete } = await queryEachPartition(
    {
      ...input,
      ExpressionAttributeNames: {
        ...input.ExpressionAttributeNames,
        '#total': 'total_cents',
        '#cur': 'currency',
        ...(visible ? { '#oid': 'order_id', '#cust': 'customer', '#cname': 'name' } : {}),
      },
      ProjectionExpression: visible ? '#total, #cur, #oid, #cust.#cname' : '#total, #cur',
    },
    ':pk',
    index.partitions,
    (items) => {
      for (const item of items.filter(keep)) {
        const currency = item.currency as Order['currency'];
        totals[currency] = (totals[currency] ?? 0) + Number(item.total_cents);
        count += 1;
      }
    },
    () => count < MAX_SUMMARY_ITEMS,
  );
  return { count, totals, complete };
}
