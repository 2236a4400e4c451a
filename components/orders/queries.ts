import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { isBehind, type OrderHistory } from '@/lib/orders/history-entries';
import { fetchOrderHistory, fetchOrdersPage, fetchOrdersSummary, type OrderListPage, type OrderSummary } from './api';
import type { OrderFilters } from './filters';

/**
 * Each query is defined once here and used by the server page (which passes a fetcher that calls
 * the service directly) and by the client (which fetches the API routes).
 */
export const orderKeys = {
  all: ['orders'] as const,
  list: (filters: OrderFilters) => ['orders', 'list', filters] as const,
  summary: (filters: OrderFilters) => ['orders', 'summary', filters] as const,
  history: (orderId: string) => ['orders', 'history', orderId] as const,
};

export function ordersListOptions(
  filters: OrderFilters,
  fetchPage: (filters: OrderFilters, cursor: string | null) => Promise<OrderListPage> = fetchOrdersPage,
) {
  return infiniteQueryOptions({
    queryKey: orderKeys.list(filters),
    queryFn: ({ pageParam }) => fetchPage(filters, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function ordersSummaryOptions(
  filters: OrderFilters,
  fetchSummary: (filters: OrderFilters) => Promise<OrderSummary> = fetchOrdersSummary,
) {
  return queryOptions({ queryKey: orderKeys.summary(filters), queryFn: () => fetchSummary(filters) });
}

/** Polls often enough to show a change soon after Firehose delivers it; stops after ~5 minutes behind. */
const HISTORY_POLL_MS = 3_000;
const HISTORY_MAX_POLLS = 100;

/**
 * The change log of one order. `savedVersion` is what DynamoDB holds (null: deleted); while the
 * log is behind it, the query polls, so a fresh edit appears once Firehose has delivered it.
 */
export function orderHistoryOptions(
  orderId: string,
  savedVersion: number | null,
  fetchHistory: (orderId: string) => Promise<OrderHistory> = fetchOrderHistory,
) {
  return queryOptions({
    queryKey: orderKeys.history(orderId),
    queryFn: () => fetchHistory(orderId),
    staleTime: 2_000,
    refetchInterval: (query) =>
      query.state.data && isBehind(savedVersion, query.state.data) && query.state.dataUpdateCount < HISTORY_MAX_POLLS
        ? HISTORY_POLL_MS
        : false,
    refetchIntervalInBackground: false,
  });
}
