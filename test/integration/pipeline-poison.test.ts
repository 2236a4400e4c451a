import { PutRecordCommand } from '@aws-sdk/client-kinesis';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pipeline } from '@/local/pipeline';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { storedOrder, streamRecord } from '../support/stream-records';

const fixture = setupPipeline('poison');
let pipeline: Pipeline;

beforeAll(async () => {
  pipeline = await fixture.start({ firehose: { buffering: { sizeBytes: 1024 * 1024, intervalMs: 300 } } });
});
afterAll(async () => {
  await pipeline.stop();
});

const good = (n: number) =>
  JSON.stringify(
    streamRecord({
      eventId: `good-${n}`,
      newImage: storedOrder({ order_id: `01JDGOOD00000000000000000${n}` }),
      sequenceNumber: `90000000000000000000${n}`,
    }),
  );

/** A stream record whose NewImage has total_cents stored as {"N":"abc"}. */
function wrongType() {
  const record = streamRecord({ eventId: 'poison-type' });
  record.dynamodb.NewImage = { ...marshall(storedOrder()), total_cents: { N: 'abc' } };
  return JSON.stringify(record);
}

const poisons = {
  'non-JSON data': '{"eventID": "oops", not json',
  'an INSERT without NewImage': JSON.stringify(
    streamRecord({ eventId: 'poison-no-image', newImage: null, oldImage: storedOrder() }),
  ),
  'wrong attribute types': wrongType(),
  "the tutorial's flat item": JSON.stringify(
    streamRecord({
      eventId: 'poison-tutorial',
      newImage: { order_id: 'T-1', product_name: 'Laptop', quantity: 2, price: 999.99 },
    }),
  ),
};

async function put(data: string) {
  // One partition key keeps them in one shard, in this order.
  await fixture
    .kinesis()
    .send(
      new PutRecordCommand({
        StreamName: fixture.streamName,
        PartitionKey: 'poison-test',
        Data: Buffer.from(data),
      }),
    );
}

describe('poison records put straight on Kinesis', () => {
  it('land in the error prefix with their reasons while the good records around them reach the data prefix', async () => {
    await put(good(1));
    for (const data of Object.values(poisons)) await put(data);
    await put(good(2));

    const errors = await waitFor(
      () => fixture.errorRecords(),
      (found) => found.length >= 4,
      20_000,
      'four error records',
    );
    const byPayload = new Map(errors.map((e) => [Buffer.from(e.rawData, 'base64').toString(), e]));
    const reasons = Object.fromEntries(
      Object.entries(poisons).map(([name, data]) => [name, byPayload.get(data)?.errorMessage]),
    );
    expect(reasons).toEqual({
      'non-JSON data': 'data is not JSON',
      'an INSERT without NewImage': 'INSERT without NewImage; the stream must use NEW_AND_OLD_IMAGES',
      'wrong attribute types': expect.stringMatching(/^NewImage is not an order of this app .*total_cents/),
      "the tutorial's flat item": expect.stringMatching(
        /^NewImage is not an order of this app \(attributes: order_id, price, product_name, quantity\)/,
      ),
    });
    for (const error of errors) {
      expect(error).toMatchObject({
        attemptsMade: 1,
        errorCode: 'Lambda.ProcessingFailed',
        lambdaArn: expect.stringMatching(/^arn:aws:lambda:.*:function:order-changes-transform/),
        key: expect.stringMatching(/^errors\/processing-failed\/\d{4}\/\d\d\/\d\d\/\d\d\//),
      });
      expect(error.attemptEndingTimestamp).toBeGreaterThanOrEqual(error.arrivalTimestamp);
    }

    const rows = await waitFor(
      () => fixture.changeRows(),
      (found) => found.length >= 2,
      20_000,
      'two good rows',
    );
    expect(rows.map((r) => r.event_id).sort()).toEqual(['good-1', 'good-2']);
  });

  it('keeps going after them: a later record is delivered too', async () => {
    await put(good(3));
    await waitFor(
      async () => (await fixture.changeRows()).map((r) => r.event_id),
      (ids) => ids.includes('good-3'),
    );
    expect(pipeline.stats().firehose).toMatchObject({ failed: 4, lastError: null });
  });
});
