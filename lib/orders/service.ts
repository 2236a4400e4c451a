import 'server-only';
import type { Caller } from '@/lib/auth/roles';
import { encodeCursor, decodeCursor } from './cursor';
import { OrderNotFound, ValidationError } from './errors';
import { orderTotalCents } from './money';
import { newOrderId } from './order-id';
import * as repository from './repository';
import {
  ORDER_ID_PATTERN,
  type CreateOrderInput,
  type ListOrdersQuery,
  type Order,
  type UpdateOrderInput,
} from './schema';

/** Every write names who makes it: the verified caller, or a service identity for jobs. */
type WriteContext = { by: Caller; now?: Date };

export async function createOrder(input: CreateOrderInput, { by, now = new Date() }: WriteContext): Promise<Order> {
  const timestamp = now.toISOString();
  const order: Order = {
    order_id: newOrderId(now.getTime()),
    customer: input.customer,
    region: input.region,
    channel: input.channel,
    status: input.status,
    currency: input.currency,
    order_date: input.order_date ?? timestamp,
    items: input.items,
    total_cents: orderTotalCents(input.items),
    version: 1,
    created_at: timestamp,
    updated_at: timestamp,
    updated_by: by.username,
  };
  await repository.insertOrder(order);
  return order;
}

export async function getOrder(orderId: string): Promise<Order> {
  const order = await repository.findOrder(orderId);
  if (!order) throw new OrderNotFound(orderId);
  return order;
}

/** Full replacement, accepted only if `input.version` is still the stored version. */
export async function updateOrder(orderId: string, input: UpdateOrderInput, { by, now = new Date() }: WriteContext) {
  // Server-owned fields of a GET body are dropped: updated_by comes only from the verified caller.
  const { version: expectedVersion, order_id: bodyId, total_cents: _total, created_at: _c, updated_at: _u, updated_by: _b, ...fields } =
    input;
  if (bodyId !== undefined && bodyId !== orderId) {
    throw new ValidationError([{ path: 'order_id', message: 'order_id must match the order id in the URL' }]);
  }
  const next: repository.OrderReplacement = {
    ...fields,
    order_id: orderId,
    total_cents: orderTotalCents(fields.items),
    version: expectedVersion + 1,
    updated_at: now.toISOString(),
    updated_by: by.username,
  };
  return repository.replaceOrder(next, expectedVersion);
}

/**
 * A REMOVE carries only the old image, so the deleter is written first (a MODIFY at version+1)
 * and the delete is then conditioned on that version: the REMOVE's old image names who and when.
 */
export async function deleteOrder(orderId: string, expectedVersion: number, { by, now = new Date() }: WriteContext): Promise<void> {
  await repository.stampOrder(orderId, expectedVersion, { updated_by: by.username, updated_at: now.toISOString() });
  await repository.removeOrder(orderId, expectedVersion + 1);
}

export type OrderList = { items: Order[]; next_cursor: string | null };

/** Who is listing: a caller who sees emails masked may not search by them either. */
export type OrderViewer = { searchEmails: boolean };

function toRepositoryQuery(query: ListOrdersQuery, viewer: OrderViewer): repository.OrderQuery {
  return {
    searchEmails: viewer.searchEmails,
    status: query.status,
    fromIso: query.from ? `${query.from}T00:00:00.000Z` : undefined,
    toIso: query.to ? `${query.to}T23:59:59.999Z` : undefined,
    ascending: query.sort === 'asc',
    text: query.q ? query.q.toLowerCase() : undefined,
  };
}

function matchesQuery(order: Order, query: repository.OrderQuery): boolean {
  return (
    (!query.status || order.status === query.status) &&
    (!query.fromIso || order.order_date >= query.fromIso) &&
    (!query.toIso || order.order_date <= query.toIso)
  );
}

/**
 * A cursor resumes only the query it came from. Under other filters or the other sort order its
 * key is out of range (a DynamoDB error) or silently skips orders, so it is refused instead.
 */
function cursorScope(index: string, query: ListOrdersQuery, viewer: OrderViewer): string {
  return [index, query.status, query.from, query.to, query.sort, query.q?.toLowerCase(), viewer.searchEmails ? 'emails' : 'masked']
    .map((v) => v ?? '')
    .join('|');
}

export async function listOrders(query: ListOrdersQuery, viewer: OrderViewer): Promise<OrderList> {
  const repoQuery = toRepositoryQuery(query, viewer);
  // A whole order id is a key lookup, not a scan.
  if (query.q && ORDER_ID_PATTERN.test(query.q.toUpperCase())) {
    const order = await repository.findOrder(query.q.toUpperCase());
    return { items: order && matchesQuery(order, repoQuery) ? [order] : [], next_cursor: null };
  }
  const index = repository.indexFor(repoQuery);
  const scope = cursorScope(index.name, query, viewer);
  const positions = query.cursor ? decodeCursor(query.cursor, scope, index.partitionAttr, index.partitions) : undefined;
  const page = await repository.queryOrders(repoQuery, query.limit, positions);
  return { items: page.items, next_cursor: page.positions ? encodeCursor(scope, page.positions) : null };
}

export type OrderSummary = { count: number; totals: { currency: Order['currency']; total_cents: number }[]; complete: boolean };

export async function summarizeOrders(query: ListOrdersQuery, viewer: OrderViewer): Promise<OrderSummary> {
  const repoQuery = toRepositoryQuery(query, viewer);
  if (query.q && ORDER_ID_PATTERN.test(query.q.toUpperCase())) {
    const { items } = await listOrders({ ...query, cursor: undefined }, viewer);
    return {
      count: items.length,
      totals: items.map((o) => ({ currency: o.currency, total_cents: o.total_cents })),
      complete: true,
    };
  }
  const result = await repository.totalOrders(repoQuery);
  const totals = Object.entries(result.totals).map(([currency, total_cents]) => ({
    currency: currency as Order['currency'],
    total_cents: total_cents ?? 0,
  }));
  return { count: result.count, totals, complete: result.complete };
}
