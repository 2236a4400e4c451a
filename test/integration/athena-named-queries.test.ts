import {
  BatchGetNamedQueryCommand,
  CreateNamedQueryCommand,
  DeleteNamedQueryCommand,
  GetNamedQueryCommand,
  InvalidRequestException,
  ListNamedQueriesCommand,
  UpdateNamedQueryCommand,
} from '@aws-sdk/client-athena';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDataDir, startAthenaHarness, type AthenaHarness } from '@/test/support/athena';

let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const create = (name: string, extra: Record<string, unknown> = {}) =>
  athena.client.send(
    new CreateNamedQueryCommand({
      Name: name,
      Database: 'sales_cdc',
      QueryString: 'SELECT region, sum(total_cents) FROM orders_current GROUP BY region',
      ...extra,
    }),
  );

describe('named queries', () => {
  it('round-trips create, get, update, list, batch get and delete', async () => {
    const { NamedQueryId: id } = await create('Revenue by region', {
      Description: 'current state, not the change log',
    });
    expect(id).toMatch(UUID);

    const got = await athena.client.send(new GetNamedQueryCommand({ NamedQueryId: id }));
    expect(got.NamedQuery).toEqual({
      NamedQueryId: id,
      Name: 'Revenue by region',
      Description: 'current state, not the change log',
      Database: 'sales_cdc',
      QueryString: 'SELECT region, sum(total_cents) FROM orders_current GROUP BY region',
      WorkGroup: 'primary',
    });

    await athena.client.send(
      new UpdateNamedQueryCommand({
        NamedQueryId: id,
        Name: 'Revenue by region (paid)',
        QueryString: "SELECT 1 WHERE 'paid' = ?",
      }),
    );
    const updated = await athena.client.send(new GetNamedQueryCommand({ NamedQueryId: id }));
    expect(updated.NamedQuery).toMatchObject({
      Name: 'Revenue by region (paid)',
      QueryString: "SELECT 1 WHERE 'paid' = ?",
      Database: 'sales_cdc',
    });
    expect(updated.NamedQuery?.Description).toBeUndefined();

    const listed = await athena.client.send(new ListNamedQueriesCommand({}));
    expect(listed.NamedQueryIds).toContain(id);

    const batch = await athena.client.send(
      new BatchGetNamedQueryCommand({ NamedQueryIds: [id as string, 'missing-id'] }),
    );
    expect(batch.NamedQueries?.map((q) => q.NamedQueryId)).toEqual([id]);
    expect(batch.UnprocessedNamedQueryIds).toEqual([
      {
        NamedQueryId: 'missing-id',
        ErrorCode: 'INVALID_INPUT',
        ErrorMessage: 'NamedQuery missing-id was not found',
      },
    ]);

    await athena.client.send(new DeleteNamedQueryCommand({ NamedQueryId: id }));
    await expect(athena.client.send(new GetNamedQueryCommand({ NamedQueryId: id }))).rejects.toMatchObject({
      name: 'InvalidRequestException',
      message: `NamedQuery ${id} was not found`,
    });
    await expect(athena.client.send(new DeleteNamedQueryCommand({ NamedQueryId: id }))).rejects.toThrow(
      InvalidRequestException,
    );
    expect((await athena.client.send(new ListNamedQueriesCommand({}))).NamedQueryIds).not.toContain(id);
  });

  it('returns the same id for a repeated ClientRequestToken and refuses changed parameters', async () => {
    const token = 'named-query-token-000000000000000000001';
    const first = await create('Daily revenue', { ClientRequestToken: token });
    const again = await create('Daily revenue', { ClientRequestToken: token });
    expect(again.NamedQueryId).toBe(first.NamedQueryId);
    await expect(create('Something else', { ClientRequestToken: token })).rejects.toThrow(
      /Idempotent parameters do not match/,
    );
  });

  it('pages the list without repeating ids', async () => {
    for (let i = 0; i < 4; i++) await create(`paged ${i}`);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await athena.client.send(new ListNamedQueriesCommand({ MaxResults: 2, NextToken: token }));
      expect(page.NamedQueryIds?.length).toBeLessThanOrEqual(2);
      seen.push(...(page.NamedQueryIds ?? []));
      token = page.NextToken;
    } while (token);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThanOrEqual(4);
  });

  it('validates like Athena', async () => {
    await expect(create('')).rejects.toThrow(/name.*length greater than or equal to 1/);
    await expect(create('x'.repeat(129))).rejects.toThrow(/less than or equal to 128/);
    await expect(create('ok', { WorkGroup: 'nope' })).rejects.toThrow('WorkGroup nope is not found.');
    await expect(
      athena.client.send(
        new UpdateNamedQueryCommand({ NamedQueryId: 'missing', Name: 'x', QueryString: 'SELECT 1' }),
      ),
    ).rejects.toThrow('NamedQuery missing was not found');
  });

  it('persists named queries under <dataDir>/athena/named-queries.json across restarts', async () => {
    const { NamedQueryId: id } = await create('Survives a restart');
    const file = path.join(athena.dataDir, 'athena', 'named-queries.json');
    expect(readFileSync(file, 'utf8')).toContain(id);

    await athena.stop();
    athena = await startAthenaHarness({ dataDir: athena.dataDir });
    const got = await athena.client.send(new GetNamedQueryCommand({ NamedQueryId: id }));
    expect(got.NamedQuery?.Name).toBe('Survives a restart');
    const { NamedQueryId: next } = await create('After the restart');
    expect(next).not.toBe(id);
  });
});
