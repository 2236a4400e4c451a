import { queryOptions } from '@tanstack/react-query';
import { fetchBreakdown, fetchFreshness, fetchKpis, fetchTimeseries, type Dimension } from './api';
import type { AnalyticsParams } from './params';

/**
 * One queryOptions factory per widget, used by the server page (with fetchers that call
 * lib/analytics directly) and by the client widgets (which fetch the API routes).
 */
const key = (p: AnalyticsParams) => ({ from: p.from, to: p.to, tz: p.tz, currency: p.currency });

export const analyticsKeys = {
  all: ['analytics'] as const,
  kpis: (p: AnalyticsParams) => ['analytics', 'kpis', key(p)] as const,
  timeseries: (p: AnalyticsParams) => ['analytics', 'timeseries', key(p)] as const,
  breakdown: (p: AnalyticsParams, d: Dimension) => ['analytics', 'breakdown', d, key(p)] as const,
  freshness: (p: AnalyticsParams) => ['analytics', 'freshness', key(p)] as const,
};

// Athena answers are current as of the last delivery; a minute of client caching is plenty.
const staleTime = 60_000;

export const kpisOptions = (p: AnalyticsParams, fetcher = fetchKpis) =>
  queryOptions({ queryKey: analyticsKeys.kpis(p), queryFn: () => fetcher(p), staleTime });

export const timeseriesOptions = (p: AnalyticsParams, fetcher = fetchTimeseries) =>
  queryOptions({ queryKey: analyticsKeys.timeseries(p), queryFn: () => fetcher(p), staleTime });

export const breakdownOptions = (p: AnalyticsParams, d: Dimension, fetcher = fetchBreakdown) =>
  queryOptions({ queryKey: analyticsKeys.breakdown(p, d), queryFn: () => fetcher(p, d), staleTime });

// Reconciliation is about what is in flight right now: keep it fresh.
export const freshnessOptions = (p: AnalyticsParams, fetcher = fetchFreshness) =>
  queryOptions({ queryKey: analyticsKeys.freshness(p), queryFn: () => fetcher(p), staleTime: 10_000, refetchInterval: 15_000 });
