import type { BreakdownResult, Kpis, Summary, Timeseries } from '@/lib/analytics/dashboard';
import type { Breakdown } from '@/lib/analytics/queries';
import type { Reconciliation } from '@/lib/analytics/reconcile';
import { requestJson } from '@/components/orders/api';
import { toQueryString, type AnalyticsParams } from './params';

export type { BreakdownResult, Kpis, Reconciliation, Summary, Timeseries };
export type Dimension = Breakdown | 'customer';

export const fetchKpis = (p: AnalyticsParams) => requestJson<Kpis>(`/api/analytics/kpis?${toQueryString(p)}`);
export const fetchTimeseries = (p: AnalyticsParams) =>
  requestJson<Timeseries>(`/api/analytics/timeseries?${toQueryString(p)}`);
export const fetchBreakdown = (p: AnalyticsParams, dimension: Dimension) =>
  requestJson<BreakdownResult>(
    dimension === 'customer'
      ? `/api/analytics/customers?${toQueryString(p)}`
      : `/api/analytics/breakdown/${dimension}?${toQueryString(p)}`,
  );
export const fetchFreshness = (p: AnalyticsParams) =>
  requestJson<Reconciliation>(`/api/analytics/freshness?${toQueryString(p)}`);
