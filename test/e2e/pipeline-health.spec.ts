import { KinesisClient, PutRecordCommand } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { expect, test } from './fixtures';
import { changeStream } from '@/lib/resources';
import { orderInput } from '../support/orders';

const awsPort = Number(process.env.E2E_AWS_PORT ?? 4599);
const STAGES = ['table', 'stream', 'pipe', 'kinesis', 'firehose', 's3', 'athena'];

/** A record on the change stream that the transform refuses: total_cents is not a number. */
async function putPoisonRecord(orderId: string) {
  const kinesis = new KinesisClient({
    endpoint: `http://127.0.0.1:${awsPort}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    requestHandler: new NodeHttpHandler(),
  });
  const record = {
    eventID: `e2e-${orderId}`,
    eventName: 'MODIFY',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: { order_id: { S: orderId } },
      NewImage: { order_id: { S: orderId }, total_cents: { N: 'abc' } },
      SequenceNumber: '900000000000000000001',
    },
  };
  try {
    await kinesis.send(
      new PutRecordCommand({ StreamName: changeStream.name, PartitionKey: orderId, Data: Buffer.from(JSON.stringify(record)) }),
    );
  } finally {
    kinesis.destroy();
  }
}

test('the pipeline page shows every stage with counts, the last delivery and a poison record with its reason', async ({ page, request }) => {
  const ids: string[] = [];
  for (let i = 0; i < 2; i++) {
    const response = await request.post('/api/orders', { data: orderInput({ customer: { name: `Pipeline E2E ${i}` } }) });
    expect(response.status()).toBe(201);
    ids.push(((await response.json()) as { order_id: string }).order_id);
  }
  const poisonId = '01JE2EP0IS0N00000000000000';
  await putPoisonRecord(poisonId);

  await page.goto('/pipeline');
  await expect(page.getByRole('heading', { name: 'Pipeline health' })).toBeVisible();
  for (const id of STAGES) await expect(page.getByTestId(`stage-${id}`)).toBeVisible();

  // The page refetches every few seconds until the changes have flowed through.
  const headline = async (stage: string) =>
    Number(((await page.getByTestId(`stage-${stage}`).getByTestId('stage-value').textContent()) ?? '').replace(/,/g, ''));
  await expect(page.getByTestId('stage-table')).toContainText('Items');
  await expect.poll(() => headline('table'), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('stage-kinesis')).toContainText('Records, last hour');
  await expect.poll(() => headline('kinesis'), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('stage-athena')).toContainText('Rows today');
  await expect.poll(() => headline('athena'), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('last-delivered-key')).toContainText(/^order_changes_v2\/dt=\d{4}-\d{2}-\d{2}\//, { timeout: 30_000 });

  const poison = page.getByTestId('error-record').filter({ hasText: poisonId });
  await expect(poison).toBeVisible({ timeout: 30_000 });
  await expect(poison).toContainText('total_cents');
  await expect(page.getByTestId('stage-firehose')).toHaveAttribute('data-status', 'failing');
  await expect(page.getByTestId('pipeline-status')).toHaveAttribute('data-status', 'failing');

  // The sample opens to the record as it was put on Kinesis.
  await poison.getByText(/^▸?\s*Record:/).click();
  await expect(poison.locator('pre')).toContainText('"abc"');

  await expect(page.getByTestId('dead-letters')).toContainText('No dead letters');

  // The count links to the 'Failed records' built-in, which reads every failed record in Athena.
  await page.getByTestId('error-records').getByRole('link', { name: 'Query failed records in Athena →' }).click();
  await expect(page).toHaveURL(/\/queries\?name=Failed\+records$/);
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /^Failed records/ })).toHaveAttribute(
    'aria-current',
    'true',
  );
  const query = page.getByRole('region', { name: 'Query' });
  await expect(query.getByRole('heading', { name: /^Failed records/ })).toBeVisible();
  await query.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Query progress' }).getByTestId('run-state')).toHaveText('SUCCEEDED');
  await expect(page.getByTestId('results-table').getByRole('row').filter({ hasText: poisonId }).first()).toBeVisible();
});

test('the trace form checks the id and opens the order’s trace', async ({ page, request }) => {
  const response = await request.post('/api/orders', { data: orderInput({ customer: { name: 'Pipeline Trace E2E' } }) });
  const { order_id: orderId } = (await response.json()) as { order_id: string };

  await page.goto('/pipeline');
  const panel = page.getByTestId('trace-panel');
  const input = panel.getByLabel('Order id');
  await input.fill('not-an-id');
  await panel.getByRole('button', { name: 'Trace' }).click();
  await expect(panel.getByText(/An order id is 26 characters/)).toBeVisible();
  await expect(page).toHaveURL(/\/pipeline$/);

  await input.fill(orderId);
  await panel.getByRole('button', { name: 'Trace' }).click();
  await expect(page).toHaveURL(new RegExp(`/pipeline/trace/${orderId}$`));
});
