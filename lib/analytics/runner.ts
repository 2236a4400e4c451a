import 'server-only';
import {
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import { getAthenaClient } from '@/lib/aws/athena';
import { getConfig } from '@/lib/config';

/**
 * The one way the app runs Athena SQL: start (with ExecutionParameters, never concatenated
 * input), poll, page through results, stop. Workgroup, database and result location come from
 * config, so the same calls hit the local facade or Athena itself.
 */

export type QueryParam = string | number | bigint | boolean | null;
export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';
/** `reused`: answered from an earlier identical query's result (Athena result reuse), scanning nothing. */
export type QueryStats = { bytes_scanned: number; elapsed_ms: number; reused?: boolean };
export type QueryExecutionInfo = {
  id: string;
  state: QueryState;
  reason?: string;
  sql: string;
  statementType?: string;
  submittedAt?: string;
  completedAt?: string;
  stats: QueryStats;
};
export type ResultColumn = { name: string; type: string };
export type ResultPage = { columns: ResultColumn[]; rows: (string | null)[][]; nextToken?: string };

export class AthenaQueryFailed extends Error {
  constructor(
    readonly executionId: string,
    readonly state: 'FAILED' | 'CANCELLED',
    readonly reason: string,
  ) {
    super(`Query ${state.toLowerCase()}: ${reason}`);
    this.name = 'AthenaQueryFailed';
  }
}

export class AthenaQueryTimeout extends Error {
  constructor(readonly executionId: string, timeoutMs: number) {
    super(`Query ${executionId} did not finish within ${Math.round(timeoutMs / 1000)} s`);
    this.name = 'AthenaQueryTimeout';
  }
}

/**
 * An ExecutionParameters literal. Athena substitutes each value as SQL text, so strings are
 * quoted with embedded quotes doubled; that keeps a value a value.
 */
export function toAthenaLiteral(value: QueryParam): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`A query parameter must be a finite number, not ${value}`);
    return String(value);
  }
  return `'${value.replaceAll("'", "''")}'`;
}

export type StartOptions = {
  params?: readonly QueryParam[];
  clientRequestToken?: string;
  /**
   * Let Athena answer from the result of an identical query (same SQL and parameters) run within
   * this many minutes, without scanning again. Dashboards use it; ad-hoc runs don't.
   */
  reuseResultsForMinutes?: number;
};

export async function startQuery(sql: string, opts: StartOptions = {}): Promise<string> {
  const { athena } = getConfig();
  const params = opts.params?.length ? opts.params.map(toAthenaLiteral) : undefined;
  const { QueryExecutionId } = await getAthenaClient().send(
    new StartQueryExecutionCommand({
      QueryString: sql,
      QueryExecutionContext: { Database: athena.database },
      WorkGroup: athena.workGroup,
      // The workgroup's own result location applies unless one is configured explicitly.
      ResultConfiguration: athena.outputLocation ? { OutputLocation: athena.outputLocation } : undefined,
      ResultReuseConfiguration: opts.reuseResultsForMinutes
        ? { ResultReuseByAgeConfiguration: { Enabled: true, MaxAgeInMinutes: opts.reuseResultsForMinutes } }
        : undefined,
      ExecutionParameters: params,
      ClientRequestToken: opts.clientRequestToken,
    }),
  );
  if (!QueryExecutionId) throw new Error('Athena returned no QueryExecutionId');
  return QueryExecutionId;
}

function toInfo(id: string, execution: QueryExecution | undefined): QueryExecutionInfo {
  const status = execution?.Status;
  const statistics = execution?.Statistics;
  const submitted = status?.SubmissionDateTime;
  const completed = status?.CompletionDateTime;
  const elapsed =
    statistics?.TotalExecutionTimeInMillis ??
    (submitted ? (completed ?? new Date()).getTime() - submitted.getTime() : 0);
  return {
    id,
    state: (status?.State ?? 'QUEUED') as QueryState,
    reason: status?.StateChangeReason ?? status?.AthenaError?.ErrorMessage,
    sql: execution?.Query ?? '',
    statementType: execution?.StatementType,
    submittedAt: submitted?.toISOString(),
    completedAt: completed?.toISOString(),
    stats: {
      bytes_scanned: statistics?.DataScannedInBytes ?? 0,
      elapsed_ms: Math.max(0, elapsed),
      ...(statistics?.ResultReuseInformation?.ReusedPreviousResult ? { reused: true } : {}),
    },
  };
}

export async function getQueryExecution(id: string): Promise<QueryExecutionInfo> {
  const { QueryExecution } = await getAthenaClient().send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
  return toInfo(id, QueryExecution);
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      },
      { once: true },
    );
  });

/**
 * The pause before the next status check: 10 ms, then every 25 ms for the first 2 s, because
 * dashboard queries locally finish in a few to tens of milliseconds (a first check at 25 ms was
 * most of a small query's latency, and checking faster than every 25 ms slowed the engine more
 * than it saved); then doubling to 1 s, so a long scan costs a GetQueryExecution a second.
 */
export function nextPollDelay(elapsedMs: number, previousMs: number): number {
  if (elapsedMs < 2_000) return previousMs <= 0 ? 10 : 25;
  return Math.min(Math.max(previousMs, 25) * 2, 1_000);
}

export async function waitForQuery(
  id: string,
  opts: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<QueryExecutionInfo> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const started = Date.now();
  const deadline = started + timeoutMs;
  let delay = 0;
  for (;;) {
    const info = await getQueryExecution(id);
    if (info.state === 'SUCCEEDED') return info;
    if (info.state === 'FAILED' || info.state === 'CANCELLED')
      throw new AthenaQueryFailed(id, info.state, info.reason ?? 'no reason given');
    if (Date.now() >= deadline) throw new AthenaQueryTimeout(id, timeoutMs);
    delay = nextPollDelay(Date.now() - started, delay);
    await sleep(Math.min(delay, Math.max(1, deadline - Date.now())), opts.signal);
  }
}

/** One page of results. The header row that Athena puts first in a SELECT's first page is removed. */
export async function getResultsPage(
  id: string,
  opts: { nextToken?: string; maxResults?: number; statementType?: string } = {},
): Promise<ResultPage> {
  const first = !opts.nextToken;
  const statementType = first ? (opts.statementType ?? (await getQueryExecution(id)).statementType) : undefined;
  const { ResultSet, NextToken } = await getAthenaClient().send(
    new GetQueryResultsCommand({ QueryExecutionId: id, NextToken: opts.nextToken, MaxResults: opts.maxResults }),
  );
  const columns = (ResultSet?.ResultSetMetadata?.ColumnInfo ?? []).map((c) => ({
    name: c.Label ?? c.Name ?? '',
    type: c.Type ?? 'varchar',
  }));
  let rows = (ResultSet?.Rows ?? []).map((row) => (row.Data ?? []).map((d) => d.VarCharValue ?? null));
  if (first && statementType === 'DML') rows = rows.slice(1);
  return { columns, rows, nextToken: NextToken || undefined };
}

export async function* readAllResultPages(
  id: string,
  maxResults = 1000,
  known?: { statementType?: string },
): AsyncGenerator<ResultPage> {
  const statementType = known ? known.statementType : (await getQueryExecution(id)).statementType;
  let nextToken: string | undefined;
  do {
    const page = await getResultsPage(id, { nextToken, maxResults, statementType });
    yield page;
    nextToken = page.nextToken;
  } while (nextToken);
}

export async function stopQuery(id: string): Promise<void> {
  await getAthenaClient().send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
}

/** Start, wait and read every page: for the small, bounded results of dashboards and traces. */
export async function runQuery(
  sql: string,
  opts: StartOptions & { timeoutMs?: number } = {},
): Promise<{ executionId: string; columns: ResultColumn[]; rows: (string | null)[][]; stats: QueryStats }> {
  const executionId = await startQuery(sql, {
    params: opts.params,
    reuseResultsForMinutes: opts.reuseResultsForMinutes,
  });
  const info = await waitForQuery(executionId, { timeoutMs: opts.timeoutMs });
  let columns: ResultColumn[] | undefined;
  const rows: (string | null)[][] = [];
  for await (const page of readAllResultPages(executionId, 1000, info)) {
    columns ??= page.columns;
    rows.push(...page.rows);
  }
  return { executionId, columns: columns ?? [], rows, stats: info.stats };
}
