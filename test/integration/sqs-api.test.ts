import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createOrder } from '@/lib/orders/service';
import { listDeadLetters, PIPE_DLQ_NAME } from '@/lib/pipeline/dead-letters';
import type { Pipeline } from '@/local/pipeline';
import { startFilesEndpoint, type FilesEndpoint } from '../support/files-endpoint';
import { orderInput } from '../support/orders';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

// A pipe whose Kinesis target does not exist dead-letters every batch (no retries here).
const fixture = setupPipeline('sqs-dlq');
let pipeline: Pipeline;
let endpoint: FilesEndpoint;
let sqs: SQSClient;
let queueUrl: string;
let orderId: string;

const visibleCount = async () => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages);
};

beforeAll(async () => {
  pipeline = await fixture.start({
    streamName: 'missing-stream-for-dlq',
    pipe: { maximumRetryAttempts: 0, idlePollMs: 50 },
  });
  endpoint = await startFilesEndpoint(fixture.dataDir());
  sqs = endpoint.sqs;
  orderId = (await createOrder(orderInput(), { by: TEST_WRITER })).order_id;
  ({ QueueUrl: queueUrl } = (await sqs.send(new GetQueueUrlCommand({ QueueName: PIPE_DLQ_NAME }))) as { QueueUrl: string });
  await waitFor(visibleCount, (n) => n >= 1, 20_000, 'a dead letter in the queue');
});

afterAll(async () => {
  await pipeline?.stop();
  await endpoint?.close();
});

describe('the pipe dead-letter queue over SQS', () => {
  it('resolves the queue by name and lists it', async () => {
    expect(queueUrl).toBe(`${endpoint.gateway.url}/000000000000/${PIPE_DLQ_NAME}`);
    const { QueueUrls } = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'orders-' }));
    expect(QueueUrls).toEqual([queueUrl]);
    await expect(sqs.send(new GetQueueUrlCommand({ QueueName: 'no-such-queue' }))).rejects.toBeInstanceOf(QueueDoesNotExist);
  });

  it('receives the failed batch with the record, its reason and a valid MD5', async () => {
    const { Messages } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        VisibilityTimeout: 0,
        MessageSystemAttributeNames: ['SentTimestamp', 'ApproximateReceiveCount'],
      }),
    );
    expect(Messages?.length).toBeGreaterThanOrEqual(1);
    const body = JSON.parse(Messages![0]!.Body!) as { reason: string; records: { partitionKey: string }[] };
    expect(body.reason).toMatch(/ResourceNotFound/);
    expect(body.records.map((r) => r.partitionKey)).toContain(orderId);
    expect(Number(Messages![0]!.Attributes?.SentTimestamp)).toBeGreaterThan(0);
  });

  it('hides a received message for its visibility timeout, and shows it again on ChangeMessageVisibility 0', async () => {
    const before = await visibleCount();
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 60 }));
    expect(await visibleCount()).toBe(before - 1);
    await sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: Messages![0]!.ReceiptHandle!, VisibilityTimeout: 0 }),
    );
    expect(await visibleCount()).toBe(before);
  });

  it('lists dead letters with the order id and reason for the health page', async () => {
    const letters = await listDeadLetters({ client: sqs, limit: 5 });
    expect(letters.visible).toBeGreaterThanOrEqual(1);
    const sample = letters.samples.find((s) => s.records.some((r) => r.orderId === orderId));
    expect(sample?.reason).toMatch(/ResourceNotFound/);
    expect(sample?.records.find((r) => r.orderId === orderId)).toMatchObject({ eventName: 'INSERT' });
    // Peeking leaves them in the queue.
    expect(await visibleCount()).toBe(letters.visible);
  });

  it('deletes a message by its receipt handle and rejects a forged handle', async () => {
    const before = await visibleCount();
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, VisibilityTimeout: 0 }));
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: Messages![0]!.ReceiptHandle! }));
    expect(await visibleCount()).toBe(before - 1);
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'not-a-handle' })),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
  });

  it('is served on the shared local endpoint too', async () => {
    const env = inject('localAwsEnv');
    const client = new SQSClient({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: PIPE_DLQ_NAME }));
      const { Attributes } = await client.send(
        new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
      );
      expect(Attributes).toMatchObject({ ApproximateNumberOfMessages: '0', QueueArn: `arn:aws:sqs:${env.AWS_REGION}:000000000000:${PIPE_DLQ_NAME}` });
    } finally {
      client.destroy();
    }
  });
});
