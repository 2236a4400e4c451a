import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { parseJsonObject, readBody, sendAwsJson } from '../aws-json';
import type { Route } from '../gateway';
import type { FacadeContext } from './context';
import { Engine } from './engine/engine';
import { AthenaApiError, internalError, serializationError, unknownOperation } from './errors';
import { QueryExecutions } from './executions';
import { NamedQueryStore } from './named-queries';
import { OPERATIONS } from './operations';
import { WorkGroups } from './work-groups';

/**
 * The local Athena: the `AmazonAthena.*` API (AWS JSON 1.1) in-process, over DuckDB. Mount the
 * route on the local gateway; queries read the change log Firehose writes under
 * `<dataDir>/s3/sales-cdc-changes/order_changes/dt=…/` and write their results under
 * `<dataDir>/s3/sales-cdc-athena-results/results/`.
 */

export type AthenaFacadeOptions = {
  dataDir: string;
  /** Queries that run at once; more wait QUEUED. Default 2 (DuckDB already uses every core). */
  maxConcurrentQueries?: number;
  /** Running plus queued queries before StartQueryExecution answers TooManyRequestsException. Default 100. */
  maxActiveQueries?: number;
  /** The `primary` workgroup's per-query limit: a query that would scan more ends CANCELLED. */
  bytesScannedCutoffPerQuery?: number;
  /** Whether `primary` overrides a caller's ResultConfiguration (default true, as infra/ deploys it). */
  enforceWorkGroupConfiguration?: boolean;
  /** Default 30 minutes, Athena's DML timeout. */
  queryTimeoutMs?: number;
  /** Finished queries kept for GetQueryExecution/ListQueryExecutions. Default 10,000. */
  maxHistory?: number;
  /** DuckDB memory_limit, e.g. '4GB'. */
  memoryLimit?: string;
  /** Honour ResultReuseByAgeConfiguration (default true); false makes every query scan. */
  resultReuse?: boolean;
  onWarning?: (message: string) => void;
};

export type AthenaFacade = {
  route: Route;
  /** Resolves once the change log present at start is loaded (queries wait for it anyway). */
  ready: Promise<void>;
  /** Change-log directories listed so far (unchanged partitions are not re-read); for the benchmark. */
  changeLogDirectoryReads(): number;
  stop(): Promise<void>;
};

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const JSON_11 = 'application/x-amz-json-1.1';

function send(res: ServerResponse, status: number, body: unknown) {
  sendAwsJson(res, JSON_11, status, body);
}

export async function startAthenaFacade(options: AthenaFacadeOptions): Promise<AthenaFacade> {
  const dataDir = path.resolve(options.dataDir);
  const warn = options.onWarning ?? ((message: string) => console.warn(message));
  const maxConcurrentQueries = options.maxConcurrentQueries ?? 2;
  const engine = await Engine.start({
    dataDir,
    connections: maxConcurrentQueries,
    memoryLimit: options.memoryLimit,
    onWarning: warn,
  });
  let namedQueries: NamedQueryStore;
  try {
    namedQueries = await NamedQueryStore.open(path.join(dataDir, 'athena', 'named-queries.json'), warn);
  } catch (error) {
    engine.close();
    throw error;
  }
  const workGroups = WorkGroups.primary({
    bytesScannedCutoffPerQuery: options.bytesScannedCutoffPerQuery,
    enforceWorkGroupConfiguration: options.enforceWorkGroupConfiguration,
    now: new Date(),
  });
  const executions = new QueryExecutions({
    dataDir,
    engine,
    workGroups,
    maxConcurrentQueries,
    maxActiveQueries: options.maxActiveQueries ?? 100,
    queryTimeoutMs: options.queryTimeoutMs ?? 30 * 60_000,
    maxHistory: options.maxHistory ?? 10_000,
    resultReuse: options.resultReuse ?? true,
  });
  const context: FacadeContext = { dataDir, executions, namedQueries, workGroups };
  // Load what is already there now, so the first query does not pay for it.
  const ready = engine.changeLog
    .refresh()
    .catch((error: Error) => warn(`athena: loading the change log failed: ${error.message}`));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      if (req.method !== 'POST') throw serializationError('The Athena API takes POST requests');
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = OPERATIONS[target.slice(target.indexOf('.') + 1)];
      const text = await readBody(req, MAX_BODY_BYTES, serializationError);
      if (!operation) throw unknownOperation(target);
      send(res, 200, await operation(context, parseJsonObject(text, serializationError)));
    } catch (error) {
      if (error instanceof AthenaApiError) {
        send(res, error.status, error.toBody());
        return;
      }
      warn(`athena: ${(error as Error).stack ?? String(error)}`);
      const failure = internalError();
      if (!res.headersSent) send(res, failure.status, failure.toBody());
      else res.destroy();
    }
  }

  let stopped: Promise<void> | undefined;
  return {
    route: {
      service: 'athena',
      targetPrefixes: ['AmazonAthena'],
      handle: (req, res) => {
        void handle(req, res);
      },
    },
    ready,
    changeLogDirectoryReads: () => engine.changeLog.directoryReads,
    stop: () => {
      stopped ??= (async () => {
        await executions.close();
        await ready;
        engine.close();
      })();
      return stopped;
    },
  };
}
