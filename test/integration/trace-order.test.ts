import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/trace/[orderId]/route';
import { setAthenaClient } from '@/lib/aws/athena';
import { setKinesisClient } from '@/lib/aws/kinesis';
import { setS3Client } from '@/lib/aws/s3';
import { resetConfig } from '@/lib/config';
import { createOrder, deleteOrder, updateOrder } from '@/lib/orders/service';
import { kinesisForTrace } from '@/lib/trace/kinesis-history';
import { traceOrder, type TraceDeps } from '@/lib/trace/trace-order';
import type { Trace } from '@/lib/trace/types';
import type { Pipeline } from '@/local/pipeline';
import { startAthenaHarness, type AthenaHarness } from '../support/athena';
import { startFilesEndpoint, type FilesEndpoint } from '../support/files-endpoint';
import { orderInput } from '../support/orders';
import { createAdminClient } from '../support/orders-table';
import { setupPipeline } from '../support/pipeline';
import { storedOrder } from '../support/stream-records';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';
import { getRequest } from '@/test/support/api';

/**
 * The trace against the local pipeline through the real SDK clients: DynamoDB Local, kinesalite,
 * the pipe and Firehose workers, the S3 API over their files, and the Athena facade over them.
 */
const fixture = setupPipeline('trace');
let pipeline: Pipeline;
let athena: AthenaHarness;
let files: FilesEndpoint;
let deps: TraceDeps;

beforeAll(async () => {
  pipeline = await fixture.start();
  athena = await startAthenaHarness({ dataDir: fixture.dataDir() });
  files = await startFilesEndpoint(fixture.dataDir());
  setAthenaClient(athena.client);
  deps = { kinesis: kinesisForTrace(fixture.kinesis(), fixture.streamName), s3: files.s3 };
  // The route uses the app's clients: point them at this file's stream, files and Athena.
  process.env.CHANGE_STREAM_NAME = fixture.streamName;
  resetConfig();
  setKinesisClient(fixture.kinesis());
  setS3Client(files.s3);
});

afterAll(async () => {
  delete process.env.CHANGE_STREAM_NAME;
  resetConfig();
  setKinesisClient(undefined);
  setS3Client(undefined);
  setAthenaClient(undefined);
  await pipeline?.stop();
  await files?.close();
  await athena?.stop();
});

const settledTrace = (orderId: string, what: string) =>
  waitFor(
    () => traceOrder(orderId, deps),
    (trace: Trace) => trace.settled,
    25_000,
    what,
  );

describe('tracing an order through the local pipeline', () => {
  it('follows a create and an edit from DynamoDB to their Athena rows, stage by stage', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER });
    const input = orderInput();
    const edited = await updateOrder(created.order_id, {
      ...input,
      items: [{ ...input.items[0]!, quantity: 5 }, input.items[1]!],
      order_date: created.order_date,
      version: 1,
    }, { by: TEST_WRITER });

    const trace = await settledTrace(created.order_id, 'the trace to reach Athena');
    expect(trace.found).toBe(true);
    expect(trace.order).toMatchObject({ state: 'exists', version: 2, totalCents: edited.total_cents });
    expect(trace.athenaCurrent).toMatchObject({ version: 2, totalCents: edited.total_cents });
    expect(trace.changes.map((c) => [c.eventName, c.version, c.status, c.totalCents])).toEqual([
      ['INSERT', 1, 'complete', created.total_cents],
      ['MODIFY', 2, 'complete', edited.total_cents],
    ]);
    for (const change of trace.changes) {
      expect(change.stages.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
      expect(change.endToEndMs).not.toBeNull();
    }
    expect(trace.changes[1]!.stages[0]!.at).toBe(edited.updated_at);

    // Only the shard the MD5 of the order id selects is read, so finding the records there proves
    // the mapping matches where Kinesis put them.
    const rows = (await fixture.changeRows()).filter((r) => r.order_id === created.order_id);
    const [shard] = trace.sources.kinesis.shards;
    for (const change of trace.changes) {
      const facts = Object.fromEntries(change.stages[2]!.facts.map((f) => [f.label, f.value]));
      expect(facts.shard).toBe(shard);
      expect(facts.sequence).toMatch(/^\d+$/);
      const s3 = Object.fromEntries(change.stages[3]!.facts.map((f) => [f.label, f.value]));
      const row = rows.find((r) => r.version === change.version)!;
      expect(s3.object).toBe(row.key);
      expect(change.stages[3]!.at).not.toBeNull();
      const stream = Object.fromEntries(change.stages[1]!.facts.map((f) => [f.label, f.value]));
      expect(stream.eventID).toBe(row.event_id);
      expect(stream.SequenceNumber!.padStart(40, '0')).toBe(row.sequence_number);
    }
    expect(trace.sources.kinesis).toMatchObject({ ok: true, truncated: false });
    expect(trace.sources.athena.ok).toBe(true);
    expect(trace.sources.athena.partitions).toEqual([...new Set(rows.map((r) => r.change_time.slice(0, 10)))].sort());
  });

  it('keeps the history of a deleted order', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER });
    await deleteOrder(created.order_id, 1, { by: TEST_WRITER });
    const trace = await settledTrace(created.order_id, 'the delete to reach Athena');
    expect(trace.order.state).toBe('deleted');
    expect(trace.athenaCurrent).toBeNull();
    expect(trace.changes.map((c) => [c.eventName, c.status])).toEqual([
      ['INSERT', 'complete'],
      // Deleting stamps who did it, then removes that version.
      ['MODIFY', 'complete'],
      ['REMOVE', 'complete'],
    ]);
    expect(trace.changes.map((c) => c.updatedBy)).toEqual(Array(3).fill(TEST_WRITER.username));
  });

  it('says where and why a poison change failed: the error prefix and its reason', async () => {
    const orderId = ulid();
    const admin = createAdminClient();
    // An item the app would never write: its total is not the sum of its lines.
    const item = storedOrder({ order_id: orderId, total_cents: 1, created_at: new Date().toISOString(), updated_at: new Date().toISOString() });
    await admin.send(new PutItemCommand({ TableName: fixture.table.name, Item: marshall(item) }));
    admin.destroy();

    const trace = await settledTrace(orderId, 'the poison record to reach the error prefix');
    expect(trace.changes).toHaveLength(1);
    const [change] = trace.changes;
    expect(change!.status).toBe('failed');
    expect(change!.reason).toMatch(
      /^Failed in Firehose: it sits in the error prefix \(errors\/processing-failed\/.+\) with this reason: .*total_cents 1 does not equal the sum of its lines/,
    );
    expect(change!.stages.map((s) => s.state)).toEqual(['done', 'done', 'done', 'failed', 'failed']);
  });

  it('finds nothing for an order no stage knows, and says so per stage', async () => {
    const trace = await traceOrder(ulid(), deps);
    expect(trace.found).toBe(false);
    expect(trace.order.state).toBe('unknown');
    expect(trace.changes).toEqual([]);
    expect([trace.sources.dynamodb.ok, trace.sources.kinesis.ok, trace.sources.athena.ok, trace.sources.errors.ok]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});

describe('GET /api/trace/{orderId}', () => {
  const call = (orderId: string) =>
    GET(getRequest(`/api/trace/${orderId}`, 'engineer'), { params: Promise.resolve({ orderId }) });

  it('answers 400 with the reason for an id that is not an order id, and reads nothing', async () => {
    // The second is base32 of the right length, but past the largest ULID time (first char > 7).
    for (const id of ['not-an-order', '8ZZZZZZZZZZZZZZZZZZZZZZZZZ']) {
      const response = await call(id);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        error: 'validation',
        issues: [{ path: 'orderId', message: 'is not a valid order id' }],
      });
    }
  });

  it('answers 404 for an order no stage knows, still showing what each stage said', async () => {
    const orderId = ulid();
    const response = await call(orderId);
    expect(response.status).toBe(404);
    const body = await response.json();
    expect(body).toMatchObject({ error: 'not_found', trace: { orderId, found: false, changes: [] } });
    expect(body.message).toMatch(new RegExp(`^No stage knows order ${orderId}`));
    expect(body.trace.sources.kinesis).toMatchObject({ ok: true, truncated: false });
  });

  it('answers 200 with the trace of a known order', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER });
    const response = await call(created.order_id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Trace;
    expect(body).toMatchObject({ orderId: created.order_id, found: true, order: { state: 'exists', version: 1 } });
  });
});
