import http from 'node:http';
import { createRandom, generateDemoOrder } from '../../local/demo-orders';
import { closedLoop, LoopTotals } from './closed-loop';
import { createRawWriter } from './dynamodb-raw';
import { send, type Target } from './order-api';
import type { CpuByRole } from './process-cpu';
import { round, summarize, type LatencySummary } from './stats';

export const WRITE_RATIO_TARGET = 0.7;

export type WriteSide = {
  writes: number;
  errors: number;
  seconds: number;
  writes_per_s: number;
  latency_ms: LatencySummary;
  /** CPU milliseconds per write in each process: where a write's time goes. */
  cpu_ms_per_write: CpuByRole;
};

export type WriteRatio = {
  clients: number;
  slices: number;
  slice_s: number;
  api: WriteSide;
  raw: WriteSide;
  /** API creates per second ÷ raw conditional PutItems per second, same clients, interleaved. */
  ratio: number;
  pass: boolean;
};

function sideOf(totals: LoopTotals): WriteSide {
  return {
    writes: totals.ok,
    errors: totals.errors,
    seconds: round(totals.ms / 1000),
    writes_per_s: round((totals.ok * 1000) / totals.ms, 1),
    latency_ms: summarize(totals.latencies),
    cpu_ms_per_write: totals.cpuPerOperation(),
  };
}

/**
 * The API's create rate against the raw write rate under it, on one stack with the same number
 * of clients: short slices of each, alternated A B B A …, after both have warmed up. DynamoDB
 * Local's JVM keeps getting faster for its first minute of load and other work on the machine
 * comes and goes, so two phases one after the other measure the order, not the API; interleaved
 * slices give both sides the same JVM and the same neighbours.
 */
export async function benchmarkWriteRatio(options: {
  port: number;
  authorization: string;
  endpoint: string;
  table: string;
  clients: number;
  slices: number;
  sliceMs: number;
  warmupMs: number;
  cpu?: () => CpuByRole;
}): Promise<WriteRatio> {
  const { port, authorization, endpoint, table, clients, slices, sliceMs, warmupMs, cpu } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const target: Target = { agent, port, authorization };
  const random = createRandom(20_261_208);
  const bodies = Array.from({ length: 512 }, () => JSON.stringify(generateDemoOrder(random, new Date(), 90)));
  let next = 0;
  const apiWrite = async () => {
    const reply = await send(target, 'POST', '/api/orders', bodies[next++ % bodies.length]).catch(() => undefined);
    return reply?.status === 201;
  };
  const raw = createRawWriter(endpoint, table, clients);
  const api = new LoopTotals();
  const direct = new LoopTotals();
  try {
    for (let warmed = 0; warmed < warmupMs; warmed += sliceMs * 2) {
      await closedLoop(clients, sliceMs, apiWrite);
      await closedLoop(clients, sliceMs, raw.write);
    }
    for (let i = 0; i < slices; i++) {
      const pair: [LoopTotals, () => Promise<boolean>][] = [
        [api, apiWrite],
        [direct, raw.write],
      ];
      if (i % 2 === 1) pair.reverse();
      for (const [side, write] of pair) await closedLoop(clients, sliceMs, write, side, cpu);
    }
  } finally {
    agent.destroy();
    raw.destroy();
  }
  const apiResult = sideOf(api);
  const rawResult = sideOf(direct);
  const ratio = rawResult.writes_per_s ? round(apiResult.writes_per_s / rawResult.writes_per_s, 3) : 0;
  return {
    clients,
    slices,
    slice_s: sliceMs / 1000,
    api: apiResult,
    raw: rawResult,
    ratio,
    pass: ratio >= WRITE_RATIO_TARGET && apiResult.errors === 0,
  };
}
