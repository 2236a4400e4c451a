import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CatalogStatementError, catalogStatementRows, writeTextResult } from './engine/catalog-statements';
import type { Engine } from './engine/engine';
import { Cancellation, runQuery, type ResultColumn } from './engine/run-query';
import { invalidRequest, tooManyRequests } from './errors';
import { ResultReuse, reuseKey } from './result-reuse';
import type { QueryFailure } from './sql/errors';
import { lineAndColumn } from './sql/lexer';
import { refuseNonAthenaFunctions } from './sql/function-check';
import { DialectError, rewriteTrino, type Rewritten } from './sql/trino-rewrites';
import { bindParameters, originalOffset, ParameterError, type Edit } from './sql/parameters';
import { classifyStatement, type AthenaStatementType } from './sql/statement';
import { ENGINE_VERSION, resultLocation, type WorkGroupConfig, type WorkGroups } from './work-groups';

/**
 * Query executions: the state machine (QUEUED → RUNNING → SUCCEEDED | FAILED | CANCELLED),
 * a queue in front of a fixed number of engine connections, and the records Get/List/Batch
 * operations read. History lives in memory; result files stay on disk like S3 objects.
 */

export type QueryState = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export type StartRequest = {
  queryString: string;
  database?: string;
  catalog?: string;
  workGroup: WorkGroupConfig;
  executionParameters?: string[];
  clientRequestToken?: string;
  outputLocation?: string;
  /** ResultReuseByAgeConfiguration: reuse an identical query's result at most this old. */
  resultReuseMinutes?: number;
};

export type ExecutionRecord = {
  id: string;
  sequence: number;
  request: StartRequest;
  statementType: AthenaStatementType;
  substatementType: string;
  outputUri: string;
  resultFile: string;
  resultFormat: 'csv' | 'txt';
  state: QueryState;
  stateChangeReason?: string;
  failure?: QueryFailure;
  submittedAt: Date;
  startedAt?: Date;
  completedAt?: Date;
  dataScannedBytes: number;
  engineMs?: number;
  planningMs?: number;
  processingMs?: number;
  columns?: ResultColumn[];
  rows?: number;
  /** The execution whose result this one reused (ResultReuseInformation). */
  reusedFrom?: string;
  cancellation: Cancellation;
};

export type ExecutionsOptions = {
  dataDir: string;
  engine: Engine;
  workGroups: WorkGroups;
  maxConcurrentQueries: number;
  /** Running plus queued queries allowed before StartQueryExecution answers TooManyRequestsException. */
  maxActiveQueries: number;
  queryTimeoutMs: number;
  /** Finished queries remembered for Get/List; older ones are forgotten (their result files stay). */
  maxHistory: number;
  /** Whether ResultReuseByAgeConfiguration is honoured. */
  resultReuse: boolean;
};

const FINAL: readonly QueryState[] = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

const seconds = (date: Date | undefined) => (date === undefined ? undefined : date.getTime() / 1000);

export class QueryExecutions {
  private readonly records = new Map<string, ExecutionRecord>();
  private readonly byToken = new Map<string, string>();
  private readonly queue: ExecutionRecord[] = [];
  private readonly running = new Set<Promise<void>>();
  private sequence = 0;
  private stopped = false;
  private readonly reuse = new ResultReuse();

  constructor(private readonly options: ExecutionsOptions) {}

  start(request: StartRequest): string {
    if (request.clientRequestToken) {
      const existing = this.byToken.get(request.clientRequestToken);
      if (existing) {
        const record = this.records.get(existing) as ExecutionRecord;
        if (!sameRequest(record.request, request)) {
          throw invalidRequest(
            'Idempotent parameters do not match: this ClientRequestToken was used for a different query',
            'INVALID_INPUT',
          );
        }
        return existing;
      }
    }
    const active = [...this.records.values()].filter((r) => !FINAL.includes(r.state)).length;
    if (active >= this.options.maxActiveQueries) {
      throw tooManyRequests(
        `You have exceeded the limit for the number of queries you can run concurrently (${this.options.maxActiveQueries}). Reduce the number of concurrent queries submitted by this account.`,
      );
    }
    const id = randomUUID();
    const classified = classifyStatement(request.queryString);
    const resultFormat = classified.catalog ? 'txt' : 'csv';
    const location = resultLocation(
      request.workGroup,
      request.outputLocation,
      id,
      resultFormat,
      this.options.dataDir,
    );
    const record: ExecutionRecord = {
      id,
      sequence: ++this.sequence,
      request,
      statementType: classified.statementType,
      substatementType: classified.substatementType,
      outputUri: location.uri,
      resultFile: location.file,
      resultFormat,
      state: 'QUEUED',
      submittedAt: new Date(),
      dataScannedBytes: 0,
      cancellation: new Cancellation(),
    };
    this.records.set(id, record);
    if (request.clientRequestToken) this.byToken.set(request.clientRequestToken, id);
    this.queue.push(record);
    queueMicrotask(() => this.pump());
    return id;
  }

  get(id: string): ExecutionRecord | undefined {
    return this.records.get(id);
  }

  /** Records of a workgroup, newest first. */
  list(workGroup: string): ExecutionRecord[] {
    return [...this.records.values()]
      .filter((r) => r.request.workGroup.name === workGroup)
      .sort((a, b) => b.sequence - a.sequence);
  }

  /** Cancels a queued or running query; a finished one is left as it is (Athena succeeds silently). */
  stop(id: string): void {
    const record = this.records.get(id);
    if (!record || FINAL.includes(record.state)) return;
    const queued = this.queue.indexOf(record);
    if (queued !== -1) this.queue.splice(queued, 1);
    this.finish(record, { state: 'CANCELLED' });
    record.cancellation.cancel('stopped');
  }

  /** Cancels everything and waits for running queries to let go of the engine. */
  async close(): Promise<void> {
    this.stopped = true;
    for (const record of this.queue.splice(0))
      this.finish(record, { state: 'CANCELLED', reason: 'The local Athena facade stopped' });
    for (const record of this.records.values()) {
      if (record.state === 'RUNNING') {
        this.finish(record, { state: 'CANCELLED', reason: 'The local Athena facade stopped' });
        record.cancellation.cancel('stopped');
      }
    }
    await Promise.allSettled([...this.running]);
  }

  private pump(): void {
    while (!this.stopped && this.running.size < this.options.maxConcurrentQueries && this.queue.length > 0) {
      const record = this.queue.shift() as ExecutionRecord;
      const job = this.execute(record)
        .catch((error: unknown) => {
          this.finish(record, {
            state: 'FAILED',
            failure: {
              reason: `GENERIC_INTERNAL_ERROR: ${(error as Error).message ?? String(error)}`,
              category: 1,
              retryable: true,
            },
          });
        })
        .finally(() => {
          this.running.delete(job);
          this.pump();
        });
      this.running.add(job);
    }
  }

  private finish(
    record: ExecutionRecord,
    outcome:
      { state: 'SUCCEEDED' | 'CANCELLED'; reason?: string } | { state: 'FAILED'; failure: QueryFailure },
  ): void {
    if (FINAL.includes(record.state)) return;
    record.state = outcome.state;
    record.completedAt = new Date();
    if (outcome.state === 'FAILED') {
      record.failure = outcome.failure;
      record.stateChangeReason = outcome.failure.reason;
    } else if (outcome.reason) {
      record.stateChangeReason = outcome.reason;
    }
    this.forgetOldest();
  }

  /** Keeps memory bounded in a long session: drops the oldest finished records past maxHistory. */
  private forgetOldest(): void {
    let excess = this.records.size - this.options.maxHistory;
    for (const [id, record] of this.records) {
      if (excess <= 0) break;
      if (!FINAL.includes(record.state)) continue;
      this.records.delete(id);
      if (record.request.clientRequestToken) this.byToken.delete(record.request.clientRequestToken);
      excess--;
    }
  }

  private async execute(record: ExecutionRecord): Promise<void> {
    if (FINAL.includes(record.state)) return;
    record.state = 'RUNNING';
    record.startedAt = new Date();
    const startedMs = performance.now();
    const timeout = setTimeout(() => record.cancellation.cancel('timeout'), this.options.queryTimeoutMs);
    try {
      await this.runRecord(record);
    } finally {
      clearTimeout(timeout);
      record.engineMs = Math.round(performance.now() - startedMs);
      if (record.cancellation.reason === 'timeout') {
        this.finish(record, {
          state: 'FAILED',
          failure: {
            reason: `EXCEEDED_TIME_LIMIT: Query exceeded the local maximum query execution time of ${Math.round(this.options.queryTimeoutMs / 60_000)} minutes`,
            category: 2,
            retryable: false,
          },
        });
      }
    }
  }

  private async runRecord(record: ExecutionRecord): Promise<void> {
    const { request } = record;
    const fail = (reason: string) =>
      this.finish(record, { state: 'FAILED', failure: { reason, category: 2, retryable: false } });
    const database = (request.database ?? 'default').toLowerCase();
    if (request.catalog !== undefined && request.catalog.toLowerCase() !== 'awsdatacatalog') {
      return fail(
        `CATALOG_NOT_FOUND: Catalog '${request.catalog}' does not exist; the local catalog is AwsDataCatalog`,
      );
    }
    const classified = classifyStatement(request.queryString);
    if (classified.refusal) return fail(classified.refusal);

    let bound: { sql: string; edits: Edit[] };
    try {
      bound = bindParameters(request.queryString, request.executionParameters);
    } catch (error) {
      if (error instanceof ParameterError) return fail(`INVALID_PARAMETER_USAGE: ${error.message}`);
      throw error;
    }

    if (classified.catalog) {
      try {
        const { column, rows } = await catalogStatementRows(
          this.options.engine,
          classified.catalog,
          database,
        );
        if (FINAL.includes(record.state)) return;
        await writeTextResult(record.resultFile, rows);
        record.columns = [{ name: column, type: 'string', precision: 0, scale: 0, caseSensitive: false }];
        record.rows = rows.length;
        this.finish(record, { state: 'SUCCEEDED' });
      } catch (error) {
        if (error instanceof CatalogStatementError) return fail(error.message);
        throw error;
      }
      return;
    }

    let rewritten: Rewritten;
    try {
      // Athena's function surface first, on the query as sent; only then the local spellings.
      refuseNonAthenaFunctions(bound.sql);
      rewritten = rewriteTrino(bound.sql);
    } catch (error) {
      if (!(error instanceof DialectError)) throw error;
      const { line, column } = lineAndColumn(request.queryString, originalOffset(bound.edits, error.offset));
      return fail(`${error.code}: line ${line}:${column}: ${error.message}`);
    }
    const executedSql = rewritten.sql;
    const reuse = await this.reuseFor(record, executedSql, database);
    if (reuse?.reused) return;
    const outcome = await runQuery(this.options.engine, {
      sql: executedSql,
      database,
      resultFile: record.resultFile,
      bytesScannedCutoff: request.workGroup.bytesScannedCutoffPerQuery,
      cancellation: record.cancellation,
      sourcesRefreshed: reuse !== undefined,
      position: {
        executedSql,
        originalSql: request.queryString,
        toOriginalOffset: (offset) => originalOffset(bound.edits, rewritten.toOriginalOffset(offset)),
      },
    });
    record.dataScannedBytes = outcome.dataScannedBytes;
    record.planningMs = Math.round(outcome.planningMs);
    if (outcome.state === 'SUCCEEDED') {
      if (FINAL.includes(record.state)) {
        await fs.rm(record.resultFile, { force: true });
        return;
      }
      record.columns = outcome.columns;
      record.rows = outcome.rows;
      this.finish(record, { state: 'SUCCEEDED' });
      if (reuse) {
        this.reuse.remember(reuse.key, {
          resultFile: record.resultFile,
          columns: outcome.columns,
          rows: outcome.rows,
          completedAtMs: record.completedAt?.getTime() ?? Date.now(),
          executionId: record.id,
        });
      }
    } else if (outcome.state === 'FAILED') {
      this.finish(record, { state: 'FAILED', failure: outcome.failure });
    } else if (record.cancellation.reason !== 'timeout') {
      this.finish(record, { state: 'CANCELLED', reason: outcome.reason });
    }
  }

  /**
   * For a query that asked for result reuse: its key at the data's current generation, and
   * whether an earlier result was reused (the record is then finished, with 0 bytes scanned).
   */
  private async reuseFor(
    record: ExecutionRecord,
    executedSql: string,
    database: string,
  ): Promise<{ key: string; reused: boolean } | undefined> {
    const minutes = record.request.resultReuseMinutes;
    if (minutes === undefined || !this.options.resultReuse) return undefined;
    const { engine } = this.options;
    await engine.refreshSources();
    const key = reuseKey({
      sql: executedSql,
      database,
      catalog: (record.request.catalog ?? 'AwsDataCatalog').toLowerCase(),
      workGroup: record.request.workGroup.name,
      generation: `${engine.changeLog.generation}.${engine.errorLog.generation}`,
    });
    const earlier = this.reuse.find(key, minutes * 60_000, Date.now());
    if (!earlier) return { key, reused: false };
    try {
      await fs.mkdir(path.dirname(record.resultFile), { recursive: true });
      await fs.copyFile(earlier.resultFile, record.resultFile);
    } catch {
      this.reuse.forget(key); // Its result file is gone: scan again.
      return { key, reused: false };
    }
    if (FINAL.includes(record.state)) {
      // Stopped meanwhile: like a cancelled scan, it leaves no result behind.
      await fs.rm(record.resultFile, { force: true });
      return { key, reused: true };
    }
    record.columns = earlier.columns;
    record.rows = earlier.rows;
    record.dataScannedBytes = 0;
    record.reusedFrom = earlier.executionId;
    this.finish(record, { state: 'SUCCEEDED' });
    return { key, reused: true };
  }

  /** The QueryExecution shape of the API. */
  describe(record: ExecutionRecord): Record<string, unknown> {
    const { request } = record;
    const submitted = record.submittedAt.getTime();
    const started = record.startedAt?.getTime();
    const completed = record.completedAt?.getTime();
    const queueMs = (started ?? completed ?? Date.now()) - submitted;
    const statistics: Record<string, unknown> = {
      DataScannedInBytes: record.dataScannedBytes,
      QueryQueueTimeInMillis: Math.max(0, queueMs),
      ResultReuseInformation: { ReusedPreviousResult: record.reusedFrom !== undefined },
    };
    if (completed !== undefined) {
      const total = completed - submitted;
      const engine = record.engineMs ?? (started !== undefined ? completed - started : 0);
      Object.assign(statistics, {
        EngineExecutionTimeInMillis: engine,
        TotalExecutionTimeInMillis: total,
        QueryPlanningTimeInMillis: record.planningMs ?? 0,
        ServicePreProcessingTimeInMillis: 0,
        ServiceProcessingTimeInMillis: Math.max(0, total - Math.max(0, queueMs) - engine),
      });
    } else if (started !== undefined) {
      statistics.EngineExecutionTimeInMillis = Date.now() - started;
    }
    const status: Record<string, unknown> = {
      State: record.state,
      SubmissionDateTime: seconds(record.submittedAt),
    };
    if (record.completedAt) status.CompletionDateTime = seconds(record.completedAt);
    if (record.stateChangeReason) status.StateChangeReason = record.stateChangeReason;
    if (record.failure) {
      status.AthenaError = {
        ErrorCategory: record.failure.category,
        Retryable: record.failure.retryable,
        ErrorMessage: record.failure.reason,
      };
    }
    const result: Record<string, unknown> = {
      QueryExecutionId: record.id,
      Query: request.queryString,
      StatementType: record.statementType,
      SubstatementType: record.substatementType,
      ResultConfiguration: { OutputLocation: record.outputUri },
      ResultReuseConfiguration: {
        ResultReuseByAgeConfiguration:
          request.resultReuseMinutes === undefined
            ? { Enabled: false }
            : { Enabled: true, MaxAgeInMinutes: request.resultReuseMinutes },
      },
      QueryExecutionContext: {
        Database: request.database ?? 'default',
        Catalog: request.catalog ?? 'AwsDataCatalog',
      },
      Status: status,
      Statistics: statistics,
      WorkGroup: request.workGroup.name,
      EngineVersion: ENGINE_VERSION,
    };
    if (request.executionParameters) result.ExecutionParameters = request.executionParameters;
    return result;
  }
}

function sameRequest(a: StartRequest, b: StartRequest): boolean {
  return (
    a.queryString === b.queryString &&
    a.database === b.database &&
    (a.catalog ?? 'AwsDataCatalog') === (b.catalog ?? 'AwsDataCatalog') &&
    a.workGroup.name === b.workGroup.name &&
    a.outputLocation === b.outputLocation &&
    JSON.stringify(a.executionParameters ?? []) === JSON.stringify(b.executionParameters ?? [])
  );
}
