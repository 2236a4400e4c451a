import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAthenaClient } from '@/lib/aws/athena';
import { createOrder } from '@/lib/orders/service';
import { kinesisForTrace } from '@/lib/trace/kinesis-history';
import { traceOrder, type TraceDeps } from '@/lib/trace/trace-order';
import type { Pipeline } from '@/local/pipeline';
import { startAthenaHarness, type AthenaHarness } from '../support/athena';
import { startFilesEndpoint, type FilesEndpoint } from '../support/files-endpoint';
import { orderInput } from '../support/orders';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

/** A pipe that cannot deliver: its target stream does not exist, so every batch ends in its DLQ. */
const fixture = setupPipeline('trace-dlq');
let pipeline: Pipeline;
let athena: AthenaHarness;
let files: FilesEndpoint;
let deps: TraceDeps;

beforeAll(async () => {
  pipeline = await fixture.start({ streamName: `${fixture.streamName}-missing`, pipe: { maximumRetryAttempts: 1 } });
  athena = await startAthenaHarness({ dataDir: fixture.dataDir() });
  files = await startFilesEndpoint(fixture.dataDir());
  setAthenaClient(athena.client);
  deps = { kinesis: kinesisForTrace(fixture.kinesis(), fixture.streamName), s3: files.s3, sqs: files.sqs };
});

afterAll(async () => {
  setAthenaClient(undefined);
  await pipeline?.stop();
  await files?.close();
  await athena?.stop();
});

describe('a change the pipe could not deliver', () => {
  it('is stuck before Kinesis, in the dead-letter queue, with the pipe’s reason', async () => {
    const created = await createOrder(orderInput(), { by: TEST_WRITER });
    const trace = await waitFor(
      () => traceOrder(created.order_id, deps),
      (t) => t.changes[0]?.status === 'stuck',
      25_000,
      'the change to be dead-lettered',
    );
    const [change] = trace.changes;
    expect(change).toMatchObject({ version: 1, eventName: 'INSERT', status: 'stuck' });
    expect(change!.reason).toMatch(/^Stuck before Kinesis: the pipe gave up and it sits in the dead-letter queue \(orders-to-kinesis-dlq\) with this reason: .+/);
    expect(change!.stages.map((s) => s.state)).toEqual(['done', 'done', 'stuck', 'pending', 'pending']);
    expect(trace.sources.deadLetters).toEqual({ ok: true, checked: true });
    expect(trace.settled).toBe(true);
  });
});
