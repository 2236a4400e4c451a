import { STATUSES, type OrderStatus } from '@/lib/orders/constants';

/** The list filters, as they appear in the /orders URL and in query keys. */
export type OrderFilters = {
  q?: string;
  status?: OrderStatus;
  from?: string;
  to?: string;
  sort: 'asc' | 'desc';
};

type SearchParamsLike = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || undefined;

export function filtersFromSearchParams(params: SearchParamsLike): OrderFilters {
  const status = first(params.status);
  return {
    q: first(params.q)?.trim() || undefined,
    status: STATUSES.includes(status as OrderStatus) ? (status as OrderStatus) : undefined,
    from: first(params.from),
    to: first(params.to),
    sort: first(params.sort) === 'asc' ? 'asc' : 'desc',
  };
}

/** Query string with only the set filters, in a stable order (also the canonical URL). */
export function filtersToQueryString(filters: OrderFilters, extra: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) {
    if (value && !(key === 'sort' && value === 'desc')) params.set(key, value);
  }
  return params.toString();
}

export function hasActiveFilters(filters: OrderFilters): boolean {
  return Boolean(filters.q || filters.status || filters.from || filters.to);
}
