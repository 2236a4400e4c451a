import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteQuery, GET as getQuery, PUT as updateQuery } from '@/app/api/queries/[id]/route';
import { GET as listQueries, POST as createQuery } from '@/app/api/queries/route';
import { setAthenaClient } from '@/lib/aws/athena';
import { PENDING_LEASE_MS } from '@/lib/queries/name-claims';
import { deleteRequest, getRequest, idContext, jsonRequest } from '@/test/support/api';
import { removeDataDir, startAthenaHarness, type AthenaHarness } from '@/test/support/athena';
import { setupQueryNamesTable } from '@/test/support/query-names-table';

/**
 * Name uniqueness is a conditional write on the name-claims table (DynamoDB Local), taken
 * before the named query is created in the local Athena: both real, through the SDK.
 */
const names = setupQueryNamesTable('names');
let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
  setAthenaClient(athena.client);
});

afterAll(async () => {
  setAthenaClient(undefined);
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const body = async (response: Response) => ({ status: response.status, json: await response.json() });
const draft = (name: string, sql = 'SELECT 1 AS one') => ({ name, description: 'names test', sql });
const create = async (name: string, as: 'admin' | 'analyst' = 'admin') =>
  body(await createQuery(jsonRequest('POST', '/api/queries', draft(name), {}, as)));
const rename = async (id: string, name: string, as: 'admin' | 'analyst' = 'admin') =>
  body(await updateQuery(jsonRequest('PUT', `/api/queries/${id}`, draft(name), {}, as), idContext(id)));
const remove = async (id: string) => (await deleteQuery(deleteRequest(`/api/queries/${id}`), idContext(id))).status;
const library = async () =>
  (await body(await listQueries(getRequest('/api/queries')))).json.items as { id: string; name: string }[];
const taken = (name: string) => ({
  status: 409,
  json: { error: 'name_taken', issues: [{ path: 'name', message: `A saved query named "${name}" already exists; choose another name` }] },
});

describe('saved-query names', () => {
  it('two concurrent creates of one name (in two spellings, by two users): one 201, one 409, one query saved', async () => {
    const answers = await Promise.all([create('Weekly churn', 'admin'), create('  weekly CHURN ', 'analyst')]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const winner = answers.find((a) => a.status === 201)!;
    const loser = answers.find((a) => a.status === 409)!;
    expect(loser.json).toMatchObject({ error: 'name_taken', issues: [{ path: 'name', message: expect.stringMatching(/^A saved query named ".+" already exists/) }] });

    const matching = (await library()).filter((q) => q.name.trim().toLowerCase() === 'weekly churn');
    expect(matching.map((q) => q.id)).toEqual([winner.json.id]);
    expect((await names.claims()).filter((c) => c.name_key === 'weekly churn')).toEqual([
      expect.objectContaining({ state: 'held', query_id: winner.json.id, owner: winner.json.owner }),
    ]);
  });

  it('refuses another case of a taken name, naming the query that has it', async () => {
    const first = await create('Refund Rate');
    expect(first.status).toBe(201);
    expect(await create('REFUND rate')).toMatchObject(taken('Refund Rate'));
  });

  it('counts built-in names as taken', async () => {
    // None are created in this file's Athena: the built-in list itself reserves them.
    expect(await create('revenue BY day')).toMatchObject(taken('Revenue by day'));
  });

  it('refuses a rename onto a taken name and changes nothing', async () => {
    const a = await create('Margin by sku');
    const b = await create('Margin by region');
    const claimsBefore = await names.claims();
    const libraryBefore = await library();

    expect(await rename(b.json.id, 'margin BY SKU')).toMatchObject(taken('Margin by sku'));
    expect((await body(await getQuery(getRequest(`/api/queries/${b.json.id}`), idContext(b.json.id)))).json.name).toBe('Margin by region');
    expect(await names.claims()).toEqual(claimsBefore);
    expect(await library()).toEqual(libraryBefore);
    expect(a.status).toBe(201);
  });

  it('a rename moves the claim: the new name is taken, the old one is free', async () => {
    const q = await create('Old label');
    expect((await rename(q.json.id, 'New label')).status).toBe(200);
    const claims = await names.claims();
    expect(claims.find((c) => c.name_key === 'old label')).toBeUndefined();
    expect(claims.find((c) => c.name_key === 'new label')).toMatchObject({ state: 'held', query_id: q.json.id });
    expect(await create('new LABEL')).toMatchObject(taken('New label'));
    expect((await create('Old label')).status).toBe(201);
    // Changing only the case keeps the query's own claim.
    expect((await rename(q.json.id, 'NEW label')).json.name).toBe('NEW label');
  });

  it('a concurrent rename and create onto one free name: exactly one wins', async () => {
    const q = await create('Stock on hand');
    const [renamed, created] = await Promise.all([rename(q.json.id, 'Stock levels'), create('stock LEVELS')]);
    const won = [renamed.status === 200, created.status === 201];
    expect(won.filter(Boolean), JSON.stringify([renamed.status, created.status])).toHaveLength(1);
    expect([renamed, created].find((a) => a.status === 409)).toBeDefined();
    expect((await library()).filter((x) => x.name.toLowerCase() === 'stock levels')).toHaveLength(1);
  });

  it('delete frees the name', async () => {
    const first = await create('Short-lived');
    expect(await create('short-lived')).toMatchObject({ status: 409 });
    expect(await remove(first.json.id)).toBe(204);
    expect((await names.claims()).find((c) => c.name_key === 'short-lived')).toBeUndefined();
    const again = await create('SHORT-LIVED');
    expect(again.status).toBe(201);
    expect(again.json.id).not.toBe(first.json.id);
  });

  it('repairs what a crashed save leaves behind, and only that', async () => {
    const claim = (key: string, over: Record<string, unknown>) => ({
      name_key: key,
      name: key,
      claim_token: `crashed-${key}`,
      state: 'held' as const,
      owner: 'analyst',
      claimed_at: new Date().toISOString(),
      ...over,
    });
    // A delete that crashed before releasing: the claim points at a named query that is gone.
    await names.putClaim(claim('orphaned', { query_id: '00000000-0000-0000-0000-000000000000' }));
    const adopted = await create('Orphaned');
    expect(adopted.status).toBe(201);
    expect((await names.claims()).find((c) => c.name_key === 'orphaned')).toMatchObject({ state: 'held', query_id: adopted.json.id });

    // A create that crashed mid-save: pending, kept during its lease, taken over after it.
    await names.putClaim(claim('in flight', { state: 'pending' }));
    expect(await create('In flight')).toMatchObject(taken('in flight'));
    await names.putClaim(claim('long gone', { state: 'pending', claimed_at: new Date(Date.now() - PENDING_LEASE_MS - 60_000).toISOString() }));
    expect((await create('Long gone')).status).toBe(201);

    // A held claim whose query still has the name is never taken over.
    const holder = await create('Held fast');
    await names.putClaim(claim('held fast', { query_id: holder.json.id }));
    expect(await create('held fast')).toMatchObject({ status: 409 });
  });
});
