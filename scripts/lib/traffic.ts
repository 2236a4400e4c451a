import { createRandom, generateDemoOrder } from '@/local/demo-orders';
import { OrderNotFound, OrderVersionConflict } from '@/lib/orders/errors';
import type { Order } from '@/lib/orders/schema';
import { STATUSES } from '@/lib/orders/constants';
import { createOrder, deleteOrder, getOrder, updateOrder } from '@/lib/orders/service';
import { serviceCaller } from '@/lib/auth/roles';

/** The generator writes as a named service identity, which the audit trail shows. */
const GENERATOR = serviceCaller('generator');

export type TrafficMix = { insert: number; edit: number; remove: number };
export type TrafficOptions = {
  /** Operations per second across all workers. */
  rate: number;
  durationMs: number;
  mix: TrafficMix;
  /** How far back order dates reach. */
  days: number;
  seed: number;
  concurrency: number;
};
export type TrafficReport = { inserts: number; edits: number; deletes: number; conflicts: number; errors: number; elapsedMs: number };

/** "60:30:10" → weights for insert, edit, delete. */
export function parseMix(text: string): TrafficMix {
  const parts = text.split(':').map(Number);
  if (parts.length !== 3 || parts.some((n) => !Number.isFinite(n) || n < 0) || parts.every((n) => n === 0)) {
    throw new Error(`--mix must be three non-negative weights insert:edit:delete, such as 60:30:10 (got "${text}")`);
  }
  const [insert, edit, remove] = parts as [number, number, number];
  return { insert, edit, remove };
}

type Operation = 'insert' | 'edit' | 'remove';

export function pickOperation(mix: TrafficMix, roll: number, haveOrders: boolean): Operation {
  if (!haveOrders) return 'insert';
  const total = mix.insert + mix.edit + mix.remove;
  const x = roll * total;
  return x < mix.insert ? 'insert' : x < mix.insert + mix.edit ? 'edit' : 'remove';
}

/** An edit a salesperson would make: move the status on, change a quantity, or drop a line. */
export function editOf(order: Order, random: () => number): Omit<Order, 'order_id' | 'total_cents' | 'created_at' | 'updated_at'> {
  const { order_id: _id, total_cents: _t, created_at: _c, updated_at: _u, ...fields } = order;
  const roll = random();
  if (roll < 0.4) {
    const next = STATUSES[(STATUSES.indexOf(order.status) + 1) % STATUSES.length]!;
    return { ...fields, status: next };
  }
  if (roll < 0.7 && order.items.length > 1) {
    return { ...fields, items: order.items.slice(0, -1) };
  }
  const items = order.items.map((item, i) => (i === 0 ? { ...item, quantity: (item.quantity % 9) + 1 } : item));
  return { ...fields, items };
}

/**
 * Writes orders through the app's own service at a steady rate: inserts, edits and deletes in the
 * given mix, each edit and delete against an order this run created. Conflicts (someone else
 * edited first) are re-read and retried once; they are counted, not fatal.
 */
export async function runTraffic(options: TrafficOptions, onProgress?: (report: TrafficReport) => void): Promise<TrafficReport> {
  const random = createRandom(options.seed);
  const live: Order[] = [];
  const report: TrafficReport = { inserts: 0, edits: 0, deletes: 0, conflicts: 0, errors: 0, elapsedMs: 0 };
  const started = performance.now();
  const intervalMs = 1000 / options.rate;
  let scheduled = 0;

  async function perform(operation: Operation) {
    if (operation === 'insert') {
      live.push(await createOrder(generateDemoOrder(random, new Date(), options.days), { by: GENERATOR }));
      report.inserts += 1;
      return;
    }
    let order = live[Math.floor(random() * live.length)]!;
    // Other workers change `live` while this one awaits, so positions are looked up afresh.
    const forget = (id: string) => live.splice(live.findIndex((o) => o.order_id === id), 1);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        if (operation === 'edit') {
          const updated = await updateOrder(order.order_id, { ...editOf(order, random), version: order.version }, { by: GENERATOR });
          const at = live.findIndex((o) => o.order_id === updated.order_id);
          if (at >= 0) live[at] = updated;
          report.edits += 1;
        } else {
          await deleteOrder(order.order_id, order.version, { by: GENERATOR });
          if (live.some((o) => o.order_id === order.order_id)) forget(order.order_id);
          report.deletes += 1;
        }
        return;
      } catch (error) {
        if (!(error instanceof OrderVersionConflict)) throw error;
        report.conflicts += 1;
        order = await getOrder(order.order_id);
      }
    }
  }

  async function worker() {
    for (;;) {
      const due = started + scheduled++ * intervalMs;
      if (due - started >= options.durationMs) return;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      try {
        await perform(pickOperation(options.mix, random(), live.length > 0));
      } catch (error) {
        if (error instanceof OrderNotFound) continue; // deleted by another worker meanwhile
        report.errors += 1;
        if (report.errors === 1) console.error(`first error: ${(error as Error).message}`);
      }
      onProgress?.(report);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  report.elapsedMs = performance.now() - started;
  return report;
}
