/**
 * The live feed (issue 5) against a running launcher, over HTTP as a browser would see it:
 *  - order write → the record arriving at an SSE feed client (POST /api/orders until the event);
 *  - 100 concurrent viewers: GetRecords calls per second per shard from /api/feed/stats, and
 *    whether every viewer received every record.
 * Without a base URL it starts its own launcher (in memory, no seed) and stops it afterwards.
 */
import { spawnLauncher, waitForHealth } from './launcher';
import { round, summarize, type LatencySummary } from './stats';

export const FEED_TARGETS = { write_to_client_p95_ms: 500, get_records_per_shard_per_s: 5 };

export type FeedBench = {
  write_to_client: { orders: number; latency_ms: LatencySummary; p95_ms: number; pass: boolean };
  viewers: {
    viewers: number;
    records: number;
    seconds: number;
    /** Hub pollers during the run: one per shard whatever the number of viewers. */
    pollers: number;
    shards: number;
    /** From the hub's per-shard call totals over the run. */
    get_records_per_shard_per_s: Record<string, number>;
    /** Highest one-second rate the stats endpoint reported for any shard while sampled. */
    max_sampled_per_shard_per_s: number;
    viewers_with_every_record: number;
    missing_deliveries: number;
    duplicate_deliveries: number;
    pass: boolean;
  };
};

type Options = { baseUrl?: string; authorization?: string; latencyOrders?: number; viewers?: number; viewerOrders?: number };
/** The dashboard under test and the `Bearer …` header every request sends (admin: it writes orders and reads the feed). */
type App = { url: string; authorization: string };
type Stats = {
  subscribers: number;
  pollers: { shardId: string }[];
  callsPerSecond: Record<string, number>;
  totalCalls: Record<string, number>;
};

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const orderBody = (n: number) => ({
  customer: { name: `Feed Bench ${n}`, email: 'bench@example.com' },
  region: 'EU',
  channel: 'web',
  status: 'pending',
  currency: 'USD',
  order_date: new Date().toISOString(),
  items: [
    {
      sku: 'BENCH-1',
      name: 'Bench item',
      category: 'Bench',
      quantity: 1 + (Math.abs(n) % 5),
      unit_price_cents: 1_999,
    },
  ],
});

async function createOrder(app: App, n: number): Promise<string> {
  const response = await fetch(`${app.url}/api/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: app.authorization },
    body: JSON.stringify(orderBody(n)),
  });
  if (response.status !== 201)
    throw new Error(`POST /api/orders answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { order_id: string }).order_id;
}

/** One SSE client: records each event's order id and arrival time; `ready` resolves on the first frame. */
function openViewer(app: App) {
  const abort = new AbortController();
  const seen = new Map<string, number>();
  let duplicates = 0;
  let markReady!: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  const listeners = new Set<(orderId: string, at: number) => void>();
  const done = (async () => {
    const response = await fetch(`${app.url}/api/feed/stream?shard=all&position=LATEST`, {
      headers: { authorization: app.authorization },
      signal: abort.signal,
    });
    if (!response.ok) throw new Error(`the feed answered ${response.status}: ${await response.text()}`);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { value, done: ended } = await reader.read();
      if (ended) break;
      text += decoder.decode(value, { stream: true });
      let cut;
      while ((cut = text.indexOf('\n\n')) >= 0) {
        const frame = text.slice(0, cut);
        text = text.slice(cut + 2);
        markReady();
        const data = frame.split('\n').find((l) => l.startsWith('data: '));
        if (!data || frame.includes('\nevent:') || frame.startsWith('event:')) continue;
        const at = performance.now();
        const event = JSON.parse(data.slice(6)) as { keys?: { order_id?: string } };
        const orderId = event.keys?.order_id;
        if (!orderId) continue;
        if (seen.has(orderId)) duplicates++;
        else seen.set(orderId, at);
        for (const listen of listeners) listen(orderId, at);
      }
    }
  })().catch((error: Error) => {
    if (error.name !== 'AbortError') throw error;
  });
  return {
    seen,
    ready,
    duplicates: () => duplicates,
    /** Resolves with the arrival time of `orderId`'s record (which may already be in). */
    arrival(orderId: string, timeoutMs: number): Promise<number> {
      const known = seen.get(orderId);
      if (known !== undefined) return Promise.resolve(known);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(listen);
          reject(new Error(`no feed record for ${orderId} within ${timeoutMs} ms`));
        }, timeoutMs);
        const listen = (id: string, at: number) => {
          if (id !== orderId) return;
          clearTimeout(timer);
          listeners.delete(listen);
          resolve(at);
        };
        listeners.add(listen);
      });
    },
    close: async () => {
      abort.abort();
      await done;
    },
  };
}

async function readStats(app: App): Promise<Stats> {
  const response = await fetch(`${app.url}/api/feed/stats`, { headers: { authorization: app.authorization } });
  return (await response.json()) as Stats;
}

async function measureWriteToClient(app: App, orders: number) {
  const viewer = openViewer(app);
  try {
    await viewer.ready;
    // One warm-up write so the first sample does not pay for route compilation and iterators.
    await viewer.arrival(await createOrder(app, -1), 30_000);
    const samples: number[] = [];
    for (let n = 0; n < orders; n++) {
      const started = performance.now();
      const orderId = await createOrder(app, n);
      samples.push((await viewer.arrival(orderId, 30_000)) - started);
      await sleep(50);
    }
    const latency = summarize(samples);
    const sorted = [...samples].sort((a, b) => a - b);
    const p95 = round(sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)] ?? 0);
    return {
      orders,
      latency_ms: latency,
      p95_ms: p95,
      pass: p95 <= FEED_TARGETS.write_to_client_p95_ms,
    };
  } finally {
    await viewer.close();
  }
}

async function measureViewers(app: App, count: number, records: number) {
  const viewers = Array.from({ length: count }, () => openViewer(app));
  try {
    await Promise.all(viewers.map((v) => v.ready));
    // The window spans both stats reads, so every counted call falls inside it.
    const started = performance.now();
    const before = await readStats(app);
    let maxSampled = 0;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const stats = await readStats(app);
        maxSampled = Math.max(maxSampled, ...Object.values(stats.callsPerSecond), 0);
        await sleep(1_000);
      }
    })();
    // ~10 writes/s, like a busy sales floor, spread over the shards by order id.
    const ids: string[] = [];
    for (let n = 0; n < records; n++) {
      ids.push(await createOrder(app, n));
      await sleep(100);
    }
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && !viewers.every((v) => ids.every((id) => v.seen.has(id))))
      await sleep(100);
    const after = await readStats(app);
    const seconds = (performance.now() - started) / 1000;
    sampling = false;
    await sampler;
    const perShard = Object.fromEntries(
      Object.entries(after.totalCalls).map(([shard, total]) => [
        shard,
        round((total - (before.totalCalls[shard] ?? 0)) / seconds),
      ]),
    );
    const complete = viewers.filter((v) => ids.every((id) => v.seen.has(id))).length;
    const missing = viewers.reduce((sum, v) => sum + ids.filter((id) => !v.seen.has(id)).length, 0);
    const duplicates = viewers.reduce((sum, v) => sum + v.duplicates(), 0);
    const worst = Math.max(0, ...Object.values(perShard));
    return {
      viewers: count,
      records,
      seconds: round(seconds, 1),
      pollers: after.pollers.length,
      shards: Object.keys(perShard).length,
      get_records_per_shard_per_s: perShard,
      max_sampled_per_shard_per_s: maxSampled,
      viewers_with_every_record: complete,
      missing_deliveries: missing,
      duplicate_deliveries: duplicates,
      pass:
        worst <= FEED_TARGETS.get_records_per_shard_per_s &&
        maxSampled <= FEED_TARGETS.get_records_per_shard_per_s &&
        missing === 0,
    };
  } finally {
    await Promise.all(viewers.map((v) => v.close()));
  }
}

export async function benchmarkFeed(options: Options = {}): Promise<FeedBench> {
  const { latencyOrders = 40, viewers = 100, viewerOrders = 50 } = options;
  const launcher = options.baseUrl ? undefined : await spawnLauncher(['--in-memory', '--no-seed']);
  try {
    if (launcher) await waitForHealth(launcher, 3 * 60_000);
    const app: App = launcher
      ? { url: launcher.baseUrl, authorization: await launcher.bearer('admin') }
      : { url: options.baseUrl!, authorization: options.authorization ?? '' };
    const writeToClient = await measureWriteToClient(app, latencyOrders);
    const fanOut = await measureViewers(app, viewers, viewerOrders);
    return { write_to_client: writeToClient, viewers: fanOut };
  } finally {
    await launcher?.stop();
  }
}
