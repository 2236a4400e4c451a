import { queryOptions } from '@tanstack/react-query';
import { pollDelayMs } from '@/lib/queries/poll';
import {
  fetchExecution,
  fetchHistory,
  fetchResults,
  fetchSavedQueries,
  fetchSchema,
  type HistoryScope,
  type SavedQuery,
  type SchemaTable,
} from './api';

/**
 * Each query defined once, used by the server page (with a fetcher that calls lib directly) and
 * by the client (which fetches the API routes).
 */
export const queryKeys = {
  saved: ['queries', 'saved'] as const,
  schema: ['queries', 'schema'] as const,
  /** Both scopes sit under this prefix, so invalidating it refreshes either. */
  history: ['queries', 'history'] as const,
  historyScope: (scope: HistoryScope) => ['queries', 'history', scope] as const,
  execution: (id: string) => ['queries', 'execution', id] as const,
  results: (id: string, token: string | null, size: number) => ['queries', 'results', id, token, size] as const,
};

export function savedQueriesOptions(fetch: () => Promise<SavedQuery[]> = fetchSavedQueries) {
  return queryOptions({ queryKey: queryKeys.saved, queryFn: fetch });
}

export function schemaOptions(fetch: () => Promise<SchemaTable[]> = fetchSchema) {
  return queryOptions({ queryKey: queryKeys.schema, queryFn: fetch, staleTime: 5 * 60_000 });
}

export function historyOptions(scope: HistoryScope = 'mine') {
  return queryOptions({ queryKey: queryKeys.historyScope(scope), queryFn: () => fetchHistory(scope) });
}

const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);

/** Polls fast while a query runs (backing off), and stops once it is final. */
export function executionOptions(id: string) {
  return queryOptions({
    queryKey: queryKeys.execution(id),
    queryFn: () => fetchExecution(id),
    refetchInterval: (query) =>
      query.state.data && FINAL.has(query.state.data.state) ? false : pollDelayMs(query.state.dataUpdateCount),
    staleTime: Infinity,
    retry: 0,
  });
}

export function resultsOptions(id: string, token: string | null, size = 100) {
  return queryOptions({
    queryKey: queryKeys.results(id, token, size),
    queryFn: () => fetchResults(id, token, size),
    staleTime: Infinity,
  });
}

export const isFinalState = (state: string | undefined) => state !== undefined && FINAL.has(state);
