import http from 'node:http';
import { createRandom, generateDemoOrder } from '../../local/demo-orders';
import type { CreateOrderInput, Order, OrderStatus } from '../../lib/orders/schema';
import { cpuPerOperation, type CpuByRole } from './process-cpu';
import { round, summarize, type LatencySummary } from './stats';

export const API_TARGET = { p99_ms: 50, errors: 0 };

export type Phase = {
  requests: number;
  duration_s: number;
  throughput_rps: number;
  latency_ms: LatencySummary;
  /** Any non-2xx answer or a failed request. */
  errors: number;
  errors_by_status: Record<string, number>;
  pass: { p99: boolean; errors: boolean };
  /** CPU milliseconds per request in each process (dashboard, DynamoDB Local, launcher, load generator). */
  cpu_ms_per_request?: CpuByRole;
};

/** Reads the CPU time so far of every process that serves or sends the requests. */
export type CpuSampler = () => CpuByRole;

type Reply = { status: number; text: string };

/** Plain node:http with a keep-alive agent: less client CPU than fetch on a machine the server shares. */
export type Target = { agent: http.Agent; port: number; authorization: string };

export function send({ agent, port, authorization }: Target, method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = body
      ? { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
      : { authorization };
    const request = http.request({ host: '127.0.0.1', port, method, path, agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
      );
      response.on('error', reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error('timeout')));
    request.on('error', reject);
    request.end(body);
  });
}

/** Latencies and failures of one phase, and the figures they give. */
class PhaseRecorder {
  private readonly latencies: number[] = [];
  private readonly errorsByStatus: Record<string, number> = {};
  private readonly started = performance.now();

  /** Runs one request; its latency counts from `since` (send time, or the scheduled time). */
  async record(step: () => Promise<number>, since: number): Promise<void> {
    let failure: string | undefined;
    try {
      const status = await step();
      if (status < 200 || status > 299) failure = String(status);
    } catch (error) {
      failure = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    }
    this.latencies.push(performance.now() - since);
    if (failure) this.errorsByStatus[failure] = (this.errorsByStatus[failure] ?? 0) + 1;
  }

  result(): Phase {
    const seconds = (performance.now() - this.started) / 1000;
    const errors = Object.values(this.errorsByStatus).reduce((a, b) => a + b, 0);
    const latency = summarize(this.latencies);
    return {
      requests: this.latencies.length,
      duration_s: round(seconds),
      throughput_rps: round(this.latencies.length / seconds, 1),
      latency_ms: latency,
      errors,
      errors_by_status: this.errorsByStatus,
      pass: { p99: latency.p99 <= API_TARGET.p99_ms, errors: errors === API_TARGET.errors },
    };
  }
}

/**
 * `concurrency` closed-loop clients for `durationMs`: each sends its next request as soon as the
 * previous answers. Requests in flight at the deadline are finished and counted.
 */
async function runPhase(
  concurrency: number,
  durationMs: number,
  step: (client: number) => Promise<number>,
  cpu?: CpuSampler,
): Promise<Phase> {
  const before = cpu?.();
  const recorder = new PhaseRecorder();
  const deadline = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      while (performance.now() < deadline) await recorder.record(() => step(client), performance.now());
    }),
  );
  const result = recorder.result();
  if (cpu && before) result.cpu_ms_per_request = cpuPerOperation(before, cpu(), result.requests);
  return result;
}

/**
 * Open loop: `clients` clients together send `ratePerSecond` requests, each on a fixed schedule.
 * Latency counts from the scheduled send time, so a slow answer also charges the requests it
 * delayed (no coordinated omission). This is the latency at a load the backend can sustain, which
 * a closed loop at full concurrency never shows.
 */
async function runPaced(
  clients: number,
  ratePerSecond: number,
  durationMs: number,
  step: (client: number) => Promise<number>,
): Promise<Phase & { offered_rps: number }> {
  const recorder = new PhaseRecorder();
  const intervalMs = (1000 * clients) / ratePerSecond;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      // Spread the clients' schedules evenly over one interval.
      for (let scheduled = started + (intervalMs * client) / clients; scheduled < started + durationMs; scheduled += intervalMs) {
        const wait = scheduled - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        await recorder.record(() => step(client), scheduled);
      }
    }),
  );
  return { offered_rps: ratePerSecond, ...recorder.result() };
}

export type OrderApiResult = {
  create: Phase;
  update: Phase;
  create_paced: Phase & { offered_rps: number };
  sample_order_id: string;
};

/** POST /api/orders, then PUT /api/orders/{id} with each client on its own order (so no 409s). */
export async function benchmarkOrderApi(options: {
  port: number;
  /** `Bearer <access token>`: every request is authenticated, as in production. */
  authorization: string;
  concurrency: number;
  durationMs: number;
  warmupMs: number;
  pacedRps: number;
  cpu?: CpuSampler;
}): Promise<OrderApiResult> {
  const { port, authorization, concurrency, durationMs, warmupMs, pacedRps, cpu } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const target: Target = { agent, port, authorization };
  // Bodies are generated up front so the client spends its CPU on requests, not on data.
  const random = createRandom(20_260_101);
  const now = new Date();
  const bodies = Array.from({ length: 512 }, () => JSON.stringify(generateDemoOrder(random, now, 90)));
  let next = 0;
  const create = async () =>
    (await send(target, 'POST', '/api/orders', bodies[next++ % bodies.length])).status;

  try {
    await runPhase(concurrency, warmupMs, create);
    const createPhase = await runPhase(concurrency, durationMs, create, cpu);

    // One order per client, created before the update phase.
    const owned: { input: CreateOrderInput; order: Order }[] = [];
    for (let client = 0; client < concurrency; client++) {
      const input = generateDemoOrder(random, now, 90);
      const reply = await send(target, 'POST', '/api/orders', JSON.stringify(input));
      if (reply.status !== 201)
        throw new Error(`POST /api/orders answered ${reply.status}: ${reply.text.slice(0, 300)}`);
      owned.push({ input, order: JSON.parse(reply.text) as Order });
    }
    const statuses: OrderStatus[] = ['pending', 'paid', 'shipped'];
    let turn = 0;
    const update = async (client: number) => {
      const mine = owned[client]!;
      // A changing status also moves the order in the by_status index, as real edits do.
      const body = {
        ...mine.input,
        order_date: mine.order.order_date,
        status: statuses[turn++ % 3],
        version: mine.order.version,
      };
      const reply = await send(
        target,
        'PUT',
        `/api/orders/${mine.order.order_id}`,
        JSON.stringify(body),
      );
      if (reply.status === 200) mine.order = JSON.parse(reply.text) as Order;
      // Should not happen; resync so one stray conflict does not turn into a stream of them.
      else if (reply.status === 409) mine.order = (JSON.parse(reply.text) as { current: Order }).current;
      return reply.status;
    };
    await runPhase(concurrency, warmupMs, update);
    const updatePhase = await runPhase(concurrency, durationMs, update, cpu);
    const pacedPhase = await runPaced(concurrency, pacedRps, durationMs, create);
    return {
      create: createPhase,
      update: updatePhase,
      create_paced: pacedPhase,
      sample_order_id: owned[0]!.order.order_id,
    };
  } finally {
    agent.destroy();
  }
}
