import {
  BatchGetQueryExecutionCommand,
  GetQueryExecutionCommand,
  InvalidRequestException,
  ListQueryExecutionsCommand,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeRow,
  removeDataDir,
  SLOW_QUERY,
  startAndWait,
  startAthenaHarness,
  waitForState,
  writeChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

// One running query at a time, so a second one is observably QUEUED.
let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness({ maxConcurrentQueries: 1 });
  await writeChangeFile(athena.dataDir, '2026-11-20', 'part-1', [
    changeRow({ order_id: 'o-1' }),
    changeRow({ order_id: 'o-2', region: 'NA' }),
  ]);
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const start = async (QueryString: string, extra: Record<string, unknown> = {}) =>
  (
    await athena.client.send(
      new StartQueryExecutionCommand({
        QueryString,
        QueryExecutionContext: { Database: 'sales_cdc' },
        ...extra,
      }),
    )
  ).QueryExecutionId as string;

describe('StartQueryExecution and GetQueryExecution', () => {
  it('runs a query to SUCCEEDED with Athena’s statistics, context and result location', async () => {
    const execution = await startAndWait(athena.client, 'SELECT count(*) AS n FROM orders_current');
    const id = execution.QueryExecutionId as string;
    expect(execution).toMatchObject({
      Query: 'SELECT count(*) AS n FROM orders_current',
      StatementType: 'DML',
      WorkGroup: 'primary',
      QueryExecutionContext: { Database: 'sales_cdc', Catalog: 'AwsDataCatalog' },
      ResultConfiguration: { OutputLocation: `s3://sales-cdc-athena-results/results/${id}.csv` },
      EngineVersion: { EffectiveEngineVersion: 'Athena engine version 3' },
      Status: { State: 'SUCCEEDED' },
    });
    expect(execution.Status?.SubmissionDateTime).toBeInstanceOf(Date);
    expect(execution.Status?.CompletionDateTime?.getTime()).toBeGreaterThanOrEqual(
      execution.Status?.SubmissionDateTime?.getTime() ?? 0,
    );
    for (const field of [
      'DataScannedInBytes',
      'EngineExecutionTimeInMillis',
      'TotalExecutionTimeInMillis',
      'QueryQueueTimeInMillis',
      'QueryPlanningTimeInMillis',
      'ServiceProcessingTimeInMillis',
    ] as const) {
      expect(typeof execution.Statistics?.[field], field).toBe('number');
    }
    const file = path.join(athena.dataDir, 's3', 'sales-cdc-athena-results', 'results', `${id}.csv`);
    expect(readFileSync(file, 'utf8')).toBe('"n"\n"2"\n');
  });

  it('ends bad SQL FAILED with a readable reason, never an API error', async () => {
    const execution = await startAndWait(
      athena.client,
      'SELECT region,\n  count(*)\nFROM orders_current\nGROUP BY regoin',
    );
    expect(execution.Status?.State).toBe('FAILED');
    expect(execution.Status?.StateChangeReason).toMatch(
      /^COLUMN_NOT_FOUND: line 4:10: Referenced column "regoin" not found/,
    );
    expect(execution.Status?.StateChangeReason).not.toMatch(/LINE 4|\^|Stack/);
    expect(execution.Status?.AthenaError).toMatchObject({ ErrorCategory: 2, Retryable: false });
    expect(
      existsSync(
        path.join(
          athena.dataDir,
          's3',
          'sales-cdc-athena-results',
          'results',
          `${execution.QueryExecutionId}.csv`,
        ),
      ),
    ).toBe(false);
  });

  it('shows QUEUED and RUNNING, and StopQueryExecution really interrupts a running query', async () => {
    const slow = await start(SLOW_QUERY);
    const running = await waitForState(athena.client, slow, ['RUNNING']);
    expect(running.Status?.State).toBe('RUNNING');

    const queued = await start('SELECT 42 AS answer');
    const { QueryExecution } = await athena.client.send(
      new GetQueryExecutionCommand({ QueryExecutionId: queued }),
    );
    expect(QueryExecution?.Status?.State).toBe('QUEUED');

    await athena.client.send(new StopQueryExecutionCommand({ QueryExecutionId: slow }));
    const cancelled = await waitForState(athena.client, slow);
    expect(cancelled.Status?.State).toBe('CANCELLED');
    expect(cancelled.Status?.CompletionDateTime).toBeInstanceOf(Date);
    // The engine let go of the slow query: the queued one gets the connection and finishes.
    expect((await waitForState(athena.client, queued)).Status?.State).toBe('SUCCEEDED');
  });

  it('cancels a query while it is still queued', async () => {
    const slow = await start(SLOW_QUERY);
    await waitForState(athena.client, slow, ['RUNNING']);
    const queued = await start('SELECT 1');
    await athena.client.send(new StopQueryExecutionCommand({ QueryExecutionId: queued }));
    expect((await waitForState(athena.client, queued)).Status?.State).toBe('CANCELLED');
    await athena.client.send(new StopQueryExecutionCommand({ QueryExecutionId: slow }));
    expect((await waitForState(athena.client, slow)).Status?.State).toBe('CANCELLED');
  });

  it('leaves a finished query as it is when asked to stop it', async () => {
    const done = await startAndWait(athena.client, 'SELECT 1');
    await athena.client.send(new StopQueryExecutionCommand({ QueryExecutionId: done.QueryExecutionId }));
    expect((await waitForState(athena.client, done.QueryExecutionId as string)).Status?.State).toBe(
      'SUCCEEDED',
    );
  });

  it('returns the first id again for a repeated ClientRequestToken, and refuses it for another query', async () => {
    const token = 'idempotency-token-0000000000000000001';
    const first = await start('SELECT 1', { ClientRequestToken: token });
    const again = await start('SELECT 1', { ClientRequestToken: token });
    expect(again).toBe(first);
    await expect(start('SELECT 2', { ClientRequestToken: token })).rejects.toThrow(InvalidRequestException);
    const other = await start('SELECT 1', { ClientRequestToken: 'idempotency-token-0000000000000000002' });
    expect(other).not.toBe(first);
  });

  it('validates requests the way Athena does', async () => {
    await expect(start('')).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: expect.stringMatching(/queryString.*length greater than or equal to 1/),
    });
    await expect(start('SELECT 1', { WorkGroup: 'nope' })).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'WorkGroup nope is not found.',
    });
    await expect(start('SELECT 1', { ClientRequestToken: 'short' })).rejects.toThrow(/clientRequestToken/);
    await expect(
      athena.client.send(new GetQueryExecutionCommand({ QueryExecutionId: 'no-such-query' })),
    ).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: 'QueryExecution no-such-query was not found',
    });
    await expect(
      athena.client.send(new StopQueryExecutionCommand({ QueryExecutionId: 'no-such-query' })),
    ).rejects.toThrow(InvalidRequestException);
  });

  it('fails an unknown database or catalog with a reason', async () => {
    const noDatabase = await startAndWait(athena.client, 'SELECT 1', {
      QueryExecutionContext: { Database: 'nope' },
    });
    expect(noDatabase.Status).toMatchObject({
      State: 'FAILED',
      StateChangeReason: "SCHEMA_NOT_FOUND: Schema 'nope' does not exist",
    });
    const noCatalog = await startAndWait(athena.client, 'SELECT 1', {
      QueryExecutionContext: { Database: 'sales_cdc', Catalog: 'other' },
    });
    expect(noCatalog.Status?.StateChangeReason).toMatch(/^CATALOG_NOT_FOUND/);
  });
});

describe('ListQueryExecutions and BatchGetQueryExecution', () => {
  it('lists the workgroup’s queries newest first, a page at a time', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await startAndWait(athena.client, `SELECT ${i}`)).QueryExecutionId as string);
    const first = await athena.client.send(new ListQueryExecutionsCommand({ MaxResults: 2 }));
    expect(first.QueryExecutionIds).toEqual([ids[2], ids[1]]);
    expect(first.NextToken).toBeDefined();
    const second = await athena.client.send(
      new ListQueryExecutionsCommand({ MaxResults: 2, NextToken: first.NextToken }),
    );
    expect(second.QueryExecutionIds?.[0]).toBe(ids[0]);

    const all: string[] = [];
    let token: string | undefined;
    do {
      const page = await athena.client.send(
        new ListQueryExecutionsCommand({ WorkGroup: 'primary', NextToken: token, MaxResults: 5 }),
      );
      all.push(...(page.QueryExecutionIds ?? []));
      token = page.NextToken;
    } while (token);
    expect(new Set(all).size).toBe(all.length);
    expect(all.slice(0, 3)).toEqual([ids[2], ids[1], ids[0]]);
  });

  it('gets several queries at once and reports unknown ids as unprocessed', async () => {
    const a = (await startAndWait(athena.client, 'SELECT 1')).QueryExecutionId as string;
    const b = (await startAndWait(athena.client, 'SELECT nope')).QueryExecutionId as string;
    const result = await athena.client.send(
      new BatchGetQueryExecutionCommand({ QueryExecutionIds: [a, b, 'missing-id'] }),
    );
    expect(result.QueryExecutions?.map((q) => [q.QueryExecutionId, q.Status?.State])).toEqual([
      [a, 'SUCCEEDED'],
      [b, 'FAILED'],
    ]);
    expect(result.UnprocessedQueryExecutionIds).toEqual([
      {
        QueryExecutionId: 'missing-id',
        ErrorCode: 'INVALID_INPUT',
        ErrorMessage: 'QueryExecution missing-id was not found',
      },
    ]);
    await expect(
      athena.client.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: [] })),
    ).rejects.toThrow(InvalidRequestException);
  });
});

describe('limits', () => {
  let limited: AthenaHarness;

  beforeAll(async () => {
    limited = await startAthenaHarness({
      maxConcurrentQueries: 1,
      maxActiveQueries: 2,
      queryTimeoutMs: 1_500,
      maxHistory: 3,
    });
  });

  afterAll(async () => {
    await limited.stop();
    await removeDataDir(limited.dataDir);
  });

  const startOn = async (QueryString: string) =>
    (await limited.client.send(new StartQueryExecutionCommand({ QueryString }))).QueryExecutionId as string;

  it('answers TooManyRequestsException past the active-query quota, and times out a query that never ends', async () => {
    const slow = await startOn(SLOW_QUERY);
    const queued = await startOn('SELECT 1');
    await expect(startOn('SELECT 2')).rejects.toMatchObject({
      name: 'TooManyRequestsException',
      Reason: 'CONCURRENT_QUERY_LIMIT_EXCEEDED',
    });
    const timedOut = await waitForState(limited.client, slow);
    expect(timedOut.Status).toMatchObject({
      State: 'FAILED',
      StateChangeReason: expect.stringMatching(/^EXCEEDED_TIME_LIMIT: /),
    });
    expect((await waitForState(limited.client, queued)).Status?.State).toBe('SUCCEEDED');
  });

  it('forgets the oldest finished queries past its history size', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await startAndWait(limited.client, `SELECT ${i}`)).QueryExecutionId as string);
    const { QueryExecutionIds } = await limited.client.send(new ListQueryExecutionsCommand({}));
    expect(QueryExecutionIds).toEqual([ids[3], ids[2], ids[1]]);
    await expect(
      limited.client.send(new GetQueryExecutionCommand({ QueryExecutionId: ids[0] })),
    ).rejects.toThrow(InvalidRequestException);
  });
});
