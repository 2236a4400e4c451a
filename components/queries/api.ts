import type { ResultColumn } from '@/lib/analytics/runner';
import type { FieldIssue } from '@/lib/orders/errors';
import type { HistoryEntry, ExecutionStatus } from '@/lib/queries/executions';
import type { QueryCheck } from '@/lib/queries/estimate';
import type { SavedQuery } from '@/lib/queries/library';
import type { ParamType } from '@/lib/queries/metadata';
import type { ParamValue } from '@/lib/queries/parameters';
import type { SchemaTable } from '@/lib/queries/schema-browser';

/** Client calls to /api/queries; types only come from lib (no server code is bundled). */

export type { ExecutionStatus, HistoryEntry, QueryCheck, SavedQuery, SchemaTable };
export type ResultsPage = { columns: ResultColumn[]; rows: (string | null)[][]; next_token: string | null };

export class QueryApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { error?: string; message?: string; issues?: FieldIssue[] },
  ) {
    super(body.message ?? (body.issues ? body.issues.map((i) => i.message).join('; ') : `Request failed (${status})`));
    this.name = 'QueryApiError';
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { accept: 'application/json', ...init?.headers } });
  } catch {
    throw new QueryApiError(0, { error: 'network', message: 'Could not reach the dashboard server. Check your connection.' });
  }
  if (response.status === 204) return undefined as T;
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new QueryApiError(response.status, body);
  return body as T;
}

const send = (method: string, body?: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: body === undefined ? undefined : JSON.stringify(body),
});

export type SavedQueryDraft = {
  name: string;
  description: string;
  sql: string;
  folder?: string;
  tags: string[];
  param_types: ParamType[];
};

export const fetchSavedQueries = () => request<{ items: SavedQuery[] }>('/api/queries').then((r) => r.items);
export const createSavedQuery = (draft: SavedQueryDraft) => request<SavedQuery>('/api/queries', send('POST', draft));
export const updateSavedQuery = (id: string, draft: SavedQueryDraft) =>
  request<SavedQuery>(`/api/queries/${id}`, send('PUT', draft));
export const deleteSavedQuery = (id: string) => request<void>(`/api/queries/${id}`, { method: 'DELETE' });

export type RunInput = { id?: string; sql?: string; params: ParamValue[]; param_types?: ParamType[] };
export const runQuery = (input: RunInput) =>
  request<{ execution_id: string }>('/api/queries/run', send('POST', input)).then((r) => r.execution_id);
export const fetchExecution = (id: string) => request<ExecutionStatus>(`/api/queries/executions/${id}`);
export const cancelExecution = (id: string) => request<ExecutionStatus>(`/api/queries/executions/${id}/cancel`, send('POST'));
export const fetchResults = (id: string, nextToken: string | null, pageSize = 100) =>
  request<ResultsPage>(
    `/api/queries/executions/${id}/results?page_size=${pageSize}${nextToken ? `&next_token=${encodeURIComponent(nextToken)}` : ''}`,
  );
export const csvUrl = (id: string) => `/api/queries/executions/${id}/results.csv`;
export type HistoryScope = 'mine' | 'all';
export const fetchHistory = (scope: HistoryScope = 'mine') =>
  request<{ items: HistoryEntry[] }>(`/api/queries/executions?scope=${scope}`).then((r) => r.items);
export const fetchSchema = () => request<{ tables: SchemaTable[] }>('/api/queries/schema').then((r) => r.tables);
export const checkQuery = (sql: string, params: ParamValue[]) =>
  request<QueryCheck>('/api/queries/check', send('POST', { sql, params }));
