import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
  type ColumnInfo,
  type QueryExecution,
  type StartQueryExecutionCommandInput,
} from '@aws-sdk/client-athena';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHANGE_ROW_COLUMNS, LEGACY_CHANGE_ROW_COLUMNS, type ChangeRow } from '@/lib/cdc/change-row';
import { changeLogBucket } from '@/lib/resources';
import { startAthenaFacade, type AthenaFacade, type AthenaFacadeOptions } from '@/local/athena';
import { startGateway, type Gateway } from '@/local/gateway';
import { createParquetEncoder, type ParquetEncoder } from '@/local/parquet-writer';

/** A local Athena of its own for one test file: temp data dir, facade, gateway on port 0, SDK client. */
export type AthenaHarness = {
  dataDir: string;
  facade: AthenaFacade;
  gateway: Gateway;
  client: AthenaClient;
  stop: () => Promise<void>;
};

export async function startAthenaHarness(
  options: Omit<AthenaFacadeOptions, 'dataDir'> & { dataDir?: string } = {},
): Promise<AthenaHarness> {
  const dataDir = options.dataDir ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'athena-test-')));
  const facade = await startAthenaFacade({ ...options, dataDir });
  const gateway = await startGateway([facade.route], 0);
  const client = new AthenaClient({
    endpoint: gateway.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    dataDir,
    facade,
    gateway,
    client,
    stop: async () => {
      client.destroy();
      await gateway.close();
      await facade.stop();
    },
  };
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await fs.rm(dataDir, { recursive: true, force: true });
}

let eventCounter = 0;

/** A change row with sensible defaults; tests override what they are about. */
export function changeRow(overrides: Partial<ChangeRow> & { order_id: string }): ChangeRow {
  eventCounter++;
  const changeTime = overrides.change_time ?? '2026-11-20T10:00:00.000Z';
  const items = overrides.items ?? [
    { sku: 'LAP-13', name: 'Laptop 13"', category: 'Computers', quantity: 1, unit_price_cents: 129_900 },
  ];
  const total = items.reduce((sum, i) => sum + i.quantity * i.unit_price_cents, 0);
  return {
    event_id: `event-${eventCounter}`,
    event_name: 'INSERT',
    sequence_number: String(eventCounter).padStart(40, '0'),
    change_time: changeTime,
    version: 1,
    is_deleted: overrides.event_name === 'REMOVE',
    customer_name: 'Ada Lovelace',
    customer_email: 'ada@example.com',
    region: 'EU',
    channel: 'web',
    status: 'pending',
    currency: 'USD',
    order_date: '2026-11-19T12:00:00.000Z',
    items,
    item_count: items.length,
    units: items.reduce((sum, i) => sum + i.quantity, 0),
    total_cents: total,
    created_at: '2026-11-19T12:00:00.000Z',
    updated_at: changeTime,
    updated_by: 'sales',
    ...overrides,
  };
}

/**
 * `typed`: where Firehose writes the change log now (order_changes). `legacy`: where change logs
 * written before the time columns were typed stay (order_changes_v1), for migration tests.
 */
export type ChangeLogLayout = 'typed' | 'legacy';

export function changePartitionDir(dataDir: string, dt: string, layout: ChangeLogLayout = 'typed'): string {
  const prefix = layout === 'typed' ? changeLogBucket.tablePrefix : changeLogBucket.legacyTablePrefix;
  return path.join(dataDir, 's3', changeLogBucket.name, prefix, `dt=${dt}`);
}

/** The s3:// URI ("$path") of an object of the change log. */
export function changeObjectUri(dt: string, name: string, layout: ChangeLogLayout = 'typed'): string {
  const prefix = layout === 'typed' ? changeLogBucket.tablePrefix : changeLogBucket.legacyTablePrefix;
  return `s3://${changeLogBucket.name}/${prefix}dt=${dt}/${name}`;
}

/** Writes one change-log object the way the Firehose worker does: NDJSON, renamed into place. */
export async function writeChangeFile(
  dataDir: string,
  dt: string,
  name: string,
  rows: readonly unknown[],
  layout: ChangeLogLayout = 'typed',
): Promise<string> {
  const dir = changePartitionDir(dataDir, dt, layout);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  const temporary = path.join(dir, `.${name}.tmp`);
  await fs.writeFile(
    temporary,
    rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n') + '\n',
  );
  await fs.rename(temporary, file);
  return file;
}

const parquetEncoders = new Map<ChangeLogLayout, ParquetEncoder>();

/**
 * Writes one change-log object the way the Firehose worker does with record format conversion:
 * Snappy Parquet with the Glue schema, renamed into place. `name` should end in `.parquet`.
 */
export async function writeParquetChangeFile(
  dataDir: string,
  dt: string,
  name: string,
  rows: readonly unknown[],
  layout: ChangeLogLayout = 'typed',
): Promise<string> {
  let encoder = parquetEncoders.get(layout);
  if (!encoder) {
    // The legacy layout is what the writer produced before: the same columns, times as strings.
    const schema = layout === 'typed' ? CHANGE_ROW_COLUMNS : LEGACY_CHANGE_ROW_COLUMNS;
    encoder = createParquetEncoder(path.join(os.tmpdir(), `parquet-fixtures-${process.pid}-${layout}`), schema);
    parquetEncoders.set(layout, encoder);
  }
  const body = await encoder.encode(rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))));
  const dir = changePartitionDir(dataDir, dt, layout);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, name);
  const temporary = path.join(dir, `.${name}.tmp`);
  await fs.writeFile(temporary, body);
  await fs.rename(temporary, file);
  return file;
}

const FINAL_STATES = ['SUCCEEDED', 'FAILED', 'CANCELLED'];

/** Polls GetQueryExecution until the query reaches one of `states` (the test timeout bounds it). */
export async function waitForState(
  client: AthenaClient,
  id: string,
  states: readonly string[] = FINAL_STATES,
): Promise<QueryExecution> {
  for (;;) {
    const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId: id }));
    if (QueryExecution?.Status?.State && states.includes(QueryExecution.Status.State)) return QueryExecution;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export type QueryResult = {
  execution: QueryExecution;
  columns: ColumnInfo[];
  /** Every row, header included (for SELECT), values as strings or null. */
  rows: (string | null)[][];
};

/** Runs a query to completion and reads all its result pages. Throws when it does not succeed. */
export async function runQuery(
  client: AthenaClient,
  queryString: string,
  input: Omit<StartQueryExecutionCommandInput, 'QueryString'> = {},
  pageSize?: number,
): Promise<QueryResult> {
  const execution = await startAndWait(client, queryString, input);
  if (execution.Status?.State !== 'SUCCEEDED') {
    throw new Error(
      `query ${execution.Status?.State}: ${execution.Status?.StateChangeReason ?? ''}\n${queryString}`,
    );
  }
  const rows: (string | null)[][] = [];
  let columns: ColumnInfo[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new GetQueryResultsCommand({
        QueryExecutionId: execution.QueryExecutionId,
        NextToken: token,
        MaxResults: pageSize,
      }),
    );
    columns = page.ResultSet?.ResultSetMetadata?.ColumnInfo ?? columns;
    for (const row of page.ResultSet?.Rows ?? [])
      rows.push((row.Data ?? []).map((d) => d.VarCharValue ?? null));
    token = page.NextToken;
  } while (token);
  return { execution, columns, rows };
}

export async function startAndWait(
  client: AthenaClient,
  queryString: string,
  input: Omit<StartQueryExecutionCommandInput, 'QueryString'> = {},
): Promise<QueryExecution> {
  const { QueryExecutionId } = await client.send(
    new StartQueryExecutionCommand({
      QueryExecutionContext: { Database: 'sales_cdc' },
      ...input,
      QueryString: queryString,
    }),
  );
  return waitForState(client, QueryExecutionId as string);
}

/** Data rows of a SELECT result as objects keyed by column name. */
export function asObjects(result: QueryResult): Record<string, string | null>[] {
  const [header, ...data] = result.rows;
  return data.map((row) => Object.fromEntries((header ?? []).map((name, i) => [name ?? '', row[i] ?? null])));
}

/** A query that runs until it is stopped: DuckDB checks for interrupts between vectors. */
/** 10^12 rows of Athena SQL (three UNNESTs of 10,000): runs until it is stopped. */
export const SLOW_QUERY =
  'SELECT count(*) FROM UNNEST(sequence(1, 10000)) a(x) CROSS JOIN UNNEST(sequence(1, 10000)) b(y) CROSS JOIN UNNEST(sequence(1, 10000)) c(z) WHERE (x + y + z) % 7 = 3';
