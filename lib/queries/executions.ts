import 'server-only';
import { BatchGetQueryExecutionCommand, ListQueryExecutionsCommand } from '@aws-sdk/client-athena';
import {
  getQueryExecution,
  getResultsPage,
  startQuery,
  stopQuery,
  type QueryExecutionInfo,
  type ResultPage,
} from '@/lib/analytics/runner';
import { parseWith } from '@/lib/api/responses';
import { assertAllowed } from '@/lib/auth/authorize';
import type { Caller } from '@/lib/auth/roles';
import { getAthenaClient } from '@/lib/aws/athena';
import { getConfig } from '@/lib/config';
import { ValidationError } from '@/lib/orders/errors';
import { callAthena, translateAthenaError } from './athena-errors';
import { ExecutionNotFound, ResultsNotReady } from './errors';
import { historyQuerySchema, runRequestSchema, SQL_MAX, type HistoryScope } from './input';
import { getSavedQuery } from './library';
import { bindParams, paramTypesFor } from './parameters';
import { checkReadOnly } from './read-only-guard';
import { markerLength, markRunBy, readRunMarker, shiftReasonLines } from './run-marker';
import { getBytesScannedCutoff } from './scan-sources';
import { countPlaceholders } from './sql-tokens';

/**
 * Running library queries: the read-only guard and the parameter check run before anything
 * reaches Athena; then the shared runner starts, watches, pages and stops executions.
 */

export type ExecutionStatus = {
  id: string;
  state: QueryExecutionInfo['state'];
  reason?: string;
  sql: string;
  /** Who ran it through the library (the run marker); null for other queries of the workgroup. */
  run_by: string | null;
  submitted_at: string | null;
  completed_at: string | null;
  stats: QueryExecutionInfo['stats'];
  /** The workgroup's limit, set when a query was cancelled for scanning more than it allows. */
  bytes_scanned_cutoff?: number;
};

const CUTOFF_REASON = /bytes scanned limit/i;

/** Validates a run request and starts it; returns the execution id. */
export async function startLibraryQuery(body: unknown, caller: Caller): Promise<string> {
  const request = parseWith(runRequestSchema, body);
  // Saved queries are for everyone; SQL text of one's own is a data-lake grant (queries:author).
  if (request.sql !== undefined) assertAllowed(caller, 'queries:author');
  const saved = request.id ? await getSavedQuery(request.id) : undefined;
  const sql = saved?.sql ?? request.sql ?? '';
  const verdict = checkReadOnly(sql);
  if (!verdict.ok) throw new ValidationError([{ path: 'sql', message: verdict.reason }]);
  const placeholders = countPlaceholders(sql);
  const types = paramTypesFor(placeholders, request.param_types ?? saved?.param_types);
  const { params, issues } = bindParams(placeholders, request.params, types);
  if (issues.length > 0) throw new ValidationError(issues);
  // Athena's QueryString limit counts the marker line too.
  const room = SQL_MAX - markerLength(caller.username);
  if (sql.length > room) throw new ValidationError([{ path: 'sql', message: `The SQL must be at most ${room} characters` }]);
  return callAthena(() => startQuery(markRunBy(sql, caller.username), { params }));
}

/** The caller's SQL and who ran it, from the query text Athena kept (see run-marker.ts). */
function readQuery(query: string, reason: string | undefined) {
  const { runBy, sql } = readRunMarker(query);
  return { runBy, sql, reason: reason && runBy !== null ? shiftReasonLines(reason) : reason };
}

function isUnknownExecution(error: unknown): boolean {
  return (error as Error).name === 'InvalidRequestException';
}

export async function getExecutionStatus(id: string): Promise<ExecutionStatus> {
  let info: QueryExecutionInfo;
  try {
    info = await getQueryExecution(id);
  } catch (error) {
    if (isUnknownExecution(error)) throw new ExecutionNotFound(id);
    throw translateAthenaError(error);
  }
  const query = readQuery(info.sql, info.reason);
  const status: ExecutionStatus = {
    id,
    state: info.state,
    ...(query.reason && info.state !== 'SUCCEEDED' ? { reason: query.reason } : {}),
    sql: query.sql,
    run_by: query.runBy,
    submitted_at: info.submittedAt ?? null,
    completed_at: info.completedAt ?? null,
    stats: info.stats,
  };
  if (info.state === 'CANCELLED' && info.reason && CUTOFF_REASON.test(info.reason)) {
    const cutoff = await getBytesScannedCutoff().catch(() => null);
    if (cutoff !== null) status.bytes_scanned_cutoff = cutoff;
  }
  return status;
}

export async function cancelExecution(id: string): Promise<ExecutionStatus> {
  try {
    await stopQuery(id);
  } catch (error) {
    if (isUnknownExecution(error)) throw new ExecutionNotFound(id);
    throw translateAthenaError(error);
  }
  return getExecutionStatus(id);
}

/** Fails with a readable reason unless the execution succeeded. */
async function requireSucceeded(id: string): Promise<ExecutionStatus> {
  const status = await getExecutionStatus(id);
  if (status.state !== 'SUCCEEDED') throw new ResultsNotReady(status.state, status.reason);
  return status;
}

export const RESULTS_PAGE_SIZE = 100;

export async function getExecutionResults(
  id: string,
  nextToken: string | undefined,
  pageSize = RESULTS_PAGE_SIZE,
): Promise<ResultPage> {
  await requireSucceeded(id);
  return callAthena(() => getResultsPage(id, { nextToken, maxResults: pageSize }));
}

export { requireSucceeded };

export type HistoryEntry = {
  id: string;
  sql: string;
  run_by: string | null;
  state: string;
  reason: string | null;
  submitted_at: string | null;
  stats: { bytes_scanned: number; elapsed_ms: number };
  params: string[];
};

/** How many of the workgroup's latest executions `mine` looks through for the caller's own. */
export const HISTORY_SCAN_MAX = 500;

/**
 * The workgroup's recent executions, newest first (ListQueryExecutions + BatchGetQueryExecution):
 * the caller's own runs (`mine`, by the run marker), or everyone's (`all`, including queries the
 * library did not start). Up to `limit` entries.
 */
export async function listHistory(caller: Caller, query: unknown = {}, limit = 50): Promise<HistoryEntry[]> {
  const { scope } = parseWith(historyQuerySchema, query);
  const client = getAthenaClient();
  const entries: HistoryEntry[] = [];
  let scanned = 0;
  let nextToken: string | undefined;
  do {
    const page = await callAthena(() =>
      client.send(
        new ListQueryExecutionsCommand({ WorkGroup: getConfig().athena.workGroup, MaxResults: 50, NextToken: nextToken }),
      ),
    );
    const ids = page.QueryExecutionIds ?? [];
    scanned += ids.length;
    nextToken = page.NextToken;
    for (const entry of await describeExecutions(ids)) {
      if (includes(scope, entry, caller)) entries.push(entry);
    }
  } while (nextToken && entries.length < limit && scanned < HISTORY_SCAN_MAX);
  return entries.slice(0, limit);
}

const includes = (scope: HistoryScope, entry: HistoryEntry, caller: Caller) =>
  scope === 'all' || entry.run_by === caller.username;

async function describeExecutions(ids: string[]): Promise<HistoryEntry[]> {
  if (ids.length === 0) return [];
  const { QueryExecutions = [] } = await callAthena(() =>
    getAthenaClient().send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: ids })),
  );
  const byId = new Map(QueryExecutions.map((e) => [e.QueryExecutionId, e]));
  return ids.flatMap((id) => {
    const e = byId.get(id);
    if (!e) return [];
    const submitted = e.Status?.SubmissionDateTime;
    const completed = e.Status?.CompletionDateTime;
    const query = readQuery(e.Query ?? '', e.Status?.StateChangeReason);
    return [
      {
        id,
        sql: query.sql,
        run_by: query.runBy,
        state: e.Status?.State ?? 'QUEUED',
        reason: query.reason ?? null,
        submitted_at: submitted?.toISOString() ?? null,
        stats: {
          bytes_scanned: e.Statistics?.DataScannedInBytes ?? 0,
          elapsed_ms:
            e.Statistics?.TotalExecutionTimeInMillis ??
            (submitted && completed ? completed.getTime() - submitted.getTime() : 0),
        },
        params: e.ExecutionParameters ?? [],
      },
    ];
  });
}
