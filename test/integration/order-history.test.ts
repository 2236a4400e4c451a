import { AthenaClient } from '@aws-sdk/client-athena';
import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET } from '@/app/api/orders/[id]/history/route';
import { setAthenaClient } from '@/lib/aws/athena';
import type { OrderHistory } from '@/lib/orders/history-entries';
import { createOrder, deleteOrder, updateOrder } from '@/lib/orders/service';
import { changeLogBucket } from '@/lib/resources';
import { findFreePort } from '@/local/ports';
import type { Pipeline } from '@/local/pipeline';
import { getRequest, idContext, type As } from '../support/api';
import { startAthenaHarness, type AthenaHarness } from '../support/athena';
import { orderInput } from '../support/orders';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

/**
 * The order history route against the local pipeline through the real SDK clients: writes go to
 * DynamoDB Local, the pipe and Firehose workers carry them to Parquet objects, and the route reads
 * them back through the Athena facade.
 */
const fixture = setupPipeline('history');
let pipeline: Pipeline;
let athena: AthenaHarness;

beforeAll(async () => {
  pipeline = await fixture.start();
  athena = await startAthenaHarness({ dataDir: fixture.dataDir() });
  setAthenaClient(athena.client);
});

afterAll(async () => {
  setAthenaClient(undefined);
  await pipeline?.stop();
  await athena?.stop();
});

const call = (id: string, as: As = 'admin') =>
  GET(getRequest(`/api/orders/${id}/history`, as), idContext(id));

async function historyOf(id: string, as: As = 'admin'): Promise<OrderHistory> {
  const response = await call(id, as);
  expect(response.status).toBe(200);
  return (await response.json()) as OrderHistory;
}

const WRITER = TEST_WRITER.username;

describe('GET /api/orders/{id}/history', () => {
  let orderId: string;
  let history: OrderHistory;

  beforeAll(async () => {
    const input = orderInput({ customer: { email: 'ada.history@example.com' } });
    const created = await createOrder(input, { by: TEST_WRITER });
    orderId = created.order_id;
    // Edit: pending → paid, drop the mouse line, new email.
    await updateOrder(
      orderId,
      {
        ...input,
        customer: { ...input.customer, email: 'lovelace@example.org' },
        status: 'paid',
        items: [input.items[0]!],
        order_date: created.order_date,
        version: 1,
      },
      { by: TEST_WRITER },
    );
    await deleteOrder(orderId, 2, { by: TEST_WRITER });
    history = await waitFor(
      () => historyOf(orderId),
      (h) => h.deleted,
      25_000,
      'the delete to reach the change log',
    );
  });

  it('lists created, edited and one "deleted" entry for the delete pair, newest first, with who', () => {
    expect(history).toMatchObject({ orderId, latestVersion: 3, deleted: true, bufferLabel: '1 s locally' });
    expect(history.entries.map((e) => [e.event, e.version, e.by])).toEqual([
      ['deleted', 3, WRITER],
      ['edited', 2, WRITER],
      ['created', 1, WRITER],
    ]);
    const [deleted, edited, created] = history.entries;
    expect(deleted!.changes).toEqual([]);
    expect(Date.parse(deleted!.at)).toBeGreaterThanOrEqual(Date.parse(edited!.at));
    expect(created!.initial).toEqual(
      expect.arrayContaining([
        { field: 'Customer email', value: 'ada.history@example.com' },
        { field: 'Status', value: 'pending' },
        { field: 'Total', value: '$2,747.97' },
      ]),
    );
  });

  it('shows each changed field of an edit as OLD → NEW, money formatted from cents', () => {
    const edited = history.entries.find((e) => e.event === 'edited')!;
    expect(edited.changes).toEqual([
      { field: 'Customer email', before: 'ada.history@example.com', after: 'lovelace@example.org' },
      { field: 'Status', before: 'pending', after: 'paid' },
      {
        field: 'Line items',
        before: '2 × Laptop 13" @ $1,299.00; 3 × Wireless Mouse @ $49.99',
        after: '2 × Laptop 13" @ $1,299.00',
      },
      { field: 'Total', before: '$2,747.97', after: '$2,598.00' },
    ]);
  });

  it('masks customer emails for an analyst, inside the diffs too', async () => {
    const masked = await historyOf(orderId, 'analyst');
    const edited = masked.entries.find((e) => e.event === 'edited')!;
    expect(edited.changes[0]).toEqual({
      field: 'Customer email',
      before: 'a•••@example.com',
      after: 'l•••@example.org',
    });
    const created = masked.entries.find((e) => e.event === 'created')!;
    expect(created.initial).toContainEqual({ field: 'Customer email', value: 'a•••@example.com' });
    expect(JSON.stringify(masked)).not.toMatch(/ada\.history@|lovelace@/);
  });

  it('reads a redelivered object once: rows with the same event id are one change', async () => {
    const rows = (await fixture.changeRows()).filter((r) => r.order_id === orderId);
    const insert = rows.find((r) => r.event_name === 'INSERT')!;
    // Firehose retried a batch: the same rows land again in another object of the partition.
    const bucket = path.join(fixture.dataDir(), 's3', changeLogBucket.name);
    await copyFile(
      path.join(bucket, insert.key),
      path.join(bucket, insert.key.replace(/\.parquet$/, '-redelivered.parquet')),
    );
    expect((await fixture.changeRows()).filter((r) => r.event_id === insert.event_id)).toHaveLength(2);
    expect(await historyOf(orderId)).toEqual(history);
  });

  it('answers an order with nothing in the change log yet with no entries', async () => {
    expect(await historyOf(ulid())).toMatchObject({ entries: [], latestVersion: null, deleted: false });
  });

  it('answers 400 with the reason for a malformed id', async () => {
    const response = await call('not-an-order');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: 'validation',
      issues: [{ path: 'id', message: 'is not a valid order id' }],
    });
  });

  it('answers 401 without credentials', async () => {
    const response = await call(orderId, null);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('answers 503 with a readable message when Athena cannot be reached', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const unreachable = new AthenaClient({
      endpoint: `http://127.0.0.1:${await findFreePort()}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    setAthenaClient(unreachable);
    try {
      const response = await call(orderId);
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toEqual({
        error: 'unavailable',
        message: 'Athena is unreachable right now. Try again in a moment.',
      });
    } finally {
      setAthenaClient(athena.client);
      unreachable.destroy();
      consoleError.mockRestore();
    }
  });
});
