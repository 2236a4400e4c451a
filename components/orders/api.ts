import type { FieldIssue } from '@/lib/orders/errors';
import type { OrderHistory } from '@/lib/orders/history-entries';
import type { Order } from '@/lib/orders/schema';
import { filtersToQueryString, type OrderFilters } from './filters';

export type OrderListPage = { items: Order[]; next_cursor: string | null };
export type OrderSummary = { count: number; totals: { currency: Order['currency']; total_cents: number }[]; complete: boolean };

/** An API answer that was not 2xx, with the server's JSON body when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; issues?: FieldIssue[]; current?: Order },
  ) {
    super(body.message ?? (body.issues ? 'Some fields need attention' : `Request failed (${status})`));
    this.name = 'ApiError';
  }
}

export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new ApiError(0, { error: 'network', message: 'Could not reach the dashboard server. Check your connection.' });
  }
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body);
  return body as T;
}

export function fetchOrdersPage(filters: OrderFilters, cursor: string | null): Promise<OrderListPage> {
  return requestJson(`/api/orders?${filtersToQueryString(filters, { cursor: cursor ?? undefined })}`);
}

export function fetchOrdersSummary(filters: OrderFilters): Promise<OrderSummary> {
  return requestJson(`/api/orders/summary?${filtersToQueryString(filters)}`);
}

export function fetchOrderHistory(orderId: string): Promise<OrderHistory> {
  return requestJson(`/api/orders/${encodeURIComponent(orderId)}/history`);
}

const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export const createOrderRequest = (input: unknown) => requestJson<Order>('/api/orders', jsonInit('POST', input));
export const updateOrderRequest = (id: string, input: unknown) => requestJson<Order>(`/api/orders/${id}`, jsonInit('PUT', input));
export const deleteOrderRequest = (id: string, version: number) =>
  requestJson<void>(`/api/orders/${id}?version=${version}`, { method: 'DELETE' });
