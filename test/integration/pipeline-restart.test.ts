import { describe, expect, it } from 'vitest';
import { createOrder, deleteOrder, updateOrder } from '@/lib/orders/service';
import type { Order } from '@/lib/orders/schema';
import type { PipelineOptions } from '@/local/pipeline';
import { orderInput } from '../support/orders';
import { setupPipeline } from '../support/pipeline';
import { waitFor } from '../support/wait';
import { TEST_WRITER } from '../support/writer';

const fixture = setupPipeline('restart');

/** Quick settings, so a restart test takes seconds; the behaviour is the same at the defaults. */
const quick: Partial<PipelineOptions> = {
  pipe: { batchingWindowMs: 100 },
  firehose: { buffering: { sizeBytes: 1024 * 1024, intervalMs: 200 } },
};

/** Every change written, as `order_id/version/event`, to compare with what reached S3. */
const expected = new Set<string>();

async function create(tag: string): Promise<Order> {
  const order = await createOrder(orderInput({ customer: { name: `Restart ${tag}` } }), { by: TEST_WRITER });
  expected.add(`${order.order_id}/1/INSERT`);
  return order;
}

async function edit(order: Order): Promise<Order> {
  const next = await updateOrder(order.order_id, {
    ...orderInput({ status: 'paid' }),
    order_date: order.order_date,
    version: order.version,
  }, { by: TEST_WRITER });
  expected.add(`${next.order_id}/${next.version}/MODIFY`);
  return next;
}

async function remove(order: Order) {
  await deleteOrder(order.order_id, order.version, { by: TEST_WRITER });
  // A delete stamps who deleted it (MODIFY at the next version), then removes that version.
  expected.add(`${order.order_id}/${order.version + 1}/MODIFY`);
  expected.add(`${order.order_id}/${order.version + 1}/REMOVE`);
}

async function delivered() {
  return (await fixture.changeRows()).map((r) => `${r.order_id}/${r.version}/${r.event_name}`);
}

function missing(rows: string[]) {
  const seen = new Set(rows);
  return [...expected].filter((key) => !seen.has(key));
}

describe('stopping and restarting the pipe and firehose workers', () => {
  it('loses nothing and, after clean stops, repeats nothing', async () => {
    let pipeline = await fixture.start(quick);
    const first = await Promise.all(Array.from({ length: 10 }, (_, i) => create(`a${i}`)));

    // Stop while writes are in flight, then keep writing while the pipeline is down.
    const edits = Promise.all(first.map(edit));
    await pipeline.stop();
    const edited = await edits;
    await Promise.all(edited.slice(0, 4).map(remove));
    const second = await Promise.all(Array.from({ length: 6 }, (_, i) => create(`b${i}`)));

    pipeline = await fixture.start(quick);
    await Promise.all(second.map(edit));
    const rows = await waitFor(delivered, (r) => missing(r).length === 0, 25_000, 'every change in S3');
    await pipeline.stop();

    expect(missing(rows)).toEqual([]);
    // Clean stops flush and checkpoint, so nothing is read twice.
    expect(rows.length).toBe(new Set(rows).size);
    expect(expected.size).toBe(10 + 10 + 2 * 4 + 6 + 6);
  });

  it('loses nothing when a stop abandons in-flight work (redelivery is at-least-once)', async () => {
    const abrupt = {
      pipe: { ...quick.pipe, stopGraceMs: 0 },
      firehose: { ...quick.firehose, stopGraceMs: 0 },
    };
    let pipeline = await fixture.start(abrupt);
    const orders = await Promise.all(Array.from({ length: 8 }, (_, i) => create(`c${i}`)));
    const edits = Promise.all(orders.map(edit));
    await pipeline.stop();
    await edits;

    pipeline = await fixture.start(quick);
    const rows = await waitFor(delivered, (r) => missing(r).length === 0, 25_000, 'every change in S3');
    await pipeline.stop();
    expect(missing(rows)).toEqual([]);
  });
});
