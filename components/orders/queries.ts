import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { fetchOrdersPage, fetchOrdersSummary, type OrderListPage, type OrderSummary } from './api';
import type { OrderFilters } from './filters';

/**
 * Each query is defined once here and used by the server page (which passes a fetcher that calls
 * the service directly) and by the client (which fetches the API routes).
 */
export const orderKeys = {
  all: ['orders'] as const,
  list: (filters: OrderFilters) => ['orders', 'list', filters] as const,
  summary: (filters: OrderFilters) => ['orders', 'summary', filters] as const,
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
