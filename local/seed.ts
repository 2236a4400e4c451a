import { serviceCaller } from '@/lib/auth/roles';
import { createOrder, updateOrder } from '@/lib/orders/service';
import { createRandom, generateDemoOrder } from './demo-orders';

/** The demo data's author in the audit trail. */
const SEED = serviceCaller('seed');

export type SeedOptions = { count: number; days: number; seed?: number; concurrency?: number; now?: Date };

/**
 * Writes demo orders through the app's own service, so they reach DynamoDB (and its stream) the
 * way real orders do. About a third are created pending and then moved to their final status,
 * which gives the change log real MODIFY history.
 */
export async function seedDemoOrders({ count, days, seed = 42, concurrency = 16, now = new Date() }: SeedOptions) {
  const random = createRandom(seed);
  const inputs = Array.from({ length: count }, () => ({ input: generateDemoOrder(random, now, days), edit: random() < 0.35 }));
  let next = 0;
  let writes = 0;
  async function worker() {
    while (next < inputs.length) {
      const { input, edit } = inputs[next++]!;
      if (edit && input.status !== 'pending') {
        const created = await createOrder({ ...input, status: 'pending' }, { by: SEED });
        await updateOrder(created.order_id, { ...input, order_date: created.order_date, version: created.version }, { by: SEED });
        writes += 2;
      } else {
        await createOrder(input, { by: SEED });
        writes += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { orders: count, writes };
}
