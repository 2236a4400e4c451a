import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/pipeline/health/route';
import { setAthenaClient } from '@/lib/aws/athena';
import { setS3Client } from '@/lib/aws/s3';
import { setSqsClient } from '@/lib/aws/sqs';
import { setFeedHub } from '@/lib/feed/default-hub';
import { FeedHub } from '@/lib/feed/hub';
import { kinesisSource } from '@/lib/feed/source';
import { createOrder } from '@/lib/orders/service';
import { listErrorRecords } from '@/lib/pipeline/error-records';
import { getPipelineHealth, stopKinesisActivity } from '@/lib/pipeline/health';
import type { PipelineHealth, StageId } from '@/lib/pipeline/health-types';
import type { Pipeline } from '@/local/pipeline';
import { getRequest } from '../support/api';
import { startAthenaHarness, type AthenaHarness } from '../support/athena';
import { startFilesEndpoint, type FilesEndpoint } from '../support/files-endpoint';
import { orderInput } from '../support/orders';
import { setupPipeline } from '../support/pipeline';
import { storedOrder, streamRecord } from '../support/stream-records';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

// The pipeline writes to the fixture's directory; S3, SQS and Athena are served over that same
// directory, and the app's clients are pointed at them, so health reads what this pipeline did.
const fixture = setupPipeline('health');
let pipeline: Pipeline;
let files: FilesEndpoint;
let athena: AthenaHarness;
const POISON_ORDER = '01JPOISONHEALTH0000000000X';

beforeAll(async () => {
  pipeline = await fixture.start({ firehose: { buffering: { sizeBytes: 1024 * 1024, intervalMs: 300 } } });
  files = await startFilesEndpoint(fixture.dataDir());
  athena = await startAthenaHarness({ dataDir: fixture.dataDir() });
  setS3Client(files.s3);
  setSqsClient(files.sqs);
  setAthenaClient(athena.client);
  setFeedHub(new FeedHub({ source: kinesisSource(fixture.kinesis(), fixture.streamName), log: () => undefined }));
  stopKinesisActivity();
});

afterAll(async () => {
  stopKinesisActivity();
  setFeedHub(undefined);
  setS3Client(undefined);
  setSqsClient(undefined);
  setAthenaClient(undefined);
  await pipeline?.stop();
  await athena?.stop();
  await files?.close();
});

/** A stream record for POISON_ORDER whose total_cents is not a number: the transform refuses it. */
function poisonRecord(): string {
  const record = streamRecord({
    eventId: 'poison-health',
    newImage: storedOrder({ order_id: POISON_ORDER }),
    createdAt: Math.floor(Date.now() / 1000),
  });
  record.dynamodb.Keys = marshall({ order_id: POISON_ORDER });
  record.dynamodb.NewImage = { ...marshall(storedOrder({ order_id: POISON_ORDER })), total_cents: { N: 'abc' } };
  return JSON.stringify(record);
}

const stage = (health: PipelineHealth, id: StageId) => health.stages.find((s) => s.id === id)!;

describe('pipeline health through the S3, SQS, Kinesis, DynamoDB and Athena APIs', () => {
  const created: string[] = [];

  it('finds a poison record in the error prefix with its reason, payload and order id', async () => {
    await fixture.kinesis().send(
      new PutRecordCommand({ StreamName: fixture.streamName, PartitionKey: POISON_ORDER, Data: Buffer.from(poisonRecord()) }),
    );
    const found = await waitFor(
      () => listErrorRecords({ limit: 10 }),
      (r) => r.records.some((e) => e.orderId === POISON_ORDER),
      20_000,
      'the poison record in the error prefix',
    );
    const record = found.records.find((e) => e.orderId === POISON_ORDER)!;
    expect(record).toMatchObject({
      errorOutputType: 'processing-failed',
      errorCode: 'Lambda.ProcessingFailed',
      eventName: 'INSERT',
    });
    expect(record.errorMessage).toMatch(/total_cents/);
    expect(record.payload).toContain('"abc"');
    expect(record.key.startsWith('errors/processing-failed/')).toBe(true);
    expect(found.objects).toBeGreaterThanOrEqual(1);
    expect(found.recentObjects).toBeGreaterThanOrEqual(1);
    // Filtering by order keeps only that order's records.
    const filtered = await listErrorRecords({ orderId: POISON_ORDER });
    expect(filtered.records.map((r) => r.orderId)).toEqual([POISON_ORDER]);
    expect((await listErrorRecords({ orderId: 'some-other-order' })).records).toEqual([]);
  });

  it('reports every stage with counts, the newest delivered object and the error samples', async () => {
    for (let i = 0; i < 3; i++) created.push((await createOrder(orderInput(), { by: TEST_WRITER })).order_id);
    const health = await waitFor(
      () => getPipelineHealth(),
      (h) =>
        (h.lastDelivered?.rows ?? 0) > 0 &&
        (h.today.rows ?? 0) >= created.length &&
        stage(h, 'kinesis').metrics.some((m) => m.label === 'Records, last hour' && Number(m.value) >= created.length + 1),
      30_000,
      'health to see the orders delivered and queryable',
    );
    expect(health.stages.map((s) => s.id)).toEqual(['table', 'stream', 'pipe', 'kinesis', 'firehose', 's3', 'athena']);
    expect(stage(health, 'table')).toMatchObject({ status: 'healthy', resource: fixture.table.name });
    expect(stage(health, 'stream')).toMatchObject({ status: 'healthy' });
    expect(stage(health, 'kinesis')).toMatchObject({ status: 'healthy' });
    expect(stage(health, 's3').status).toBe('healthy');
    expect(stage(health, 'athena').status).not.toBe('failing');
    // The poison record of the first test makes Firehose fail, with the reason, until the hour passes.
    expect(stage(health, 'firehose')).toMatchObject({ status: 'failing' });
    expect(stage(health, 'firehose').reason).toMatch(/error object.*total_cents/);
    expect(health.status).toBe('failing');
    expect(health.lastDelivered!.key).toMatch(/^order_changes_v2\/dt=\d{4}-\d{2}-\d{2}\//);
    expect(health.lastDelivered!.newestChangeTime).not.toBeNull();
    expect(health.errors.samples.some((s) => s.orderId === POISON_ORDER)).toBe(true);
    expect(health.deadLetters).toMatchObject({ queue: 'orders-to-kinesis-dlq', visible: 0, samples: [] });
    expect(stage(health, 'pipe'), JSON.stringify(stage(health, 'pipe'))).toMatchObject({ status: 'healthy' });
  });

  it('serves it at GET /api/pipeline/health and refuses bad sample counts with a 400', async () => {
    const ok = await GET(getRequest('/api/pipeline/health?samples=2'));
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as PipelineHealth;
    expect(body.stages).toHaveLength(7);
    expect(body.errors.samples.length).toBeLessThanOrEqual(2);

    const bad = await GET(getRequest('/api/pipeline/health?samples=many'));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'validation', issues: [{ path: 'samples' }] });
    const unknown = await GET(getRequest('/api/pipeline/health?verbose=1'));
    expect(unknown.status).toBe(400);
  });

  it('marks the stage failing, not the request, when a source is unreachable', async () => {
    const dead = await startFilesEndpoint(fixture.dataDir());
    await dead.close();
    setS3Client(dead.s3);
    try {
      const health = await getPipelineHealth();
      expect(stage(health, 's3').status).toBe('failing');
      expect(health.errors.unavailable).toBeDefined();
      expect(stage(health, 'table').status).toBe('healthy');
    } finally {
      setS3Client(files.s3);
    }
  });
});
