import {
  AthenaClient,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  StartQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setDynamoDbClient } from '../../lib/aws/dynamodb';
import { resetConfig } from '../../lib/config';
import { createOrder } from '../../lib/orders/service';
import { catalog } from '../../lib/resources';
import { startAthenaFacade } from '../../local/athena';
import { createRandom, generateDemoOrder } from '../../local/demo-orders';
import { startGateway } from '../../local/gateway';
import { startPipeline } from '../../local/pipeline';
import { startLocalAws } from '../../local/stack';
import { percentile, round, summarize, type LatencySummary } from './stats';
import { serviceCaller } from '../../lib/auth/roles';

const BENCH = serviceCaller('bench');

export const PIPELINE_TARGETS = { queryable_p95_ms: 3_000, throughput_ratio: 0.9 };

export type PipelineBench = {
  write_to_queryable: { orders: number; latency_ms: LatencySummary; p95_ms: number; poll_interval_ms: number; pass: boolean };
  throughput: {
    in_flight: number;
    writes: number;
    write_seconds: number;
    write_rps: number;
    /** First write until the last change row is in S3. */
    end_to_end_seconds: number;
    /** Last write until the last change row is in S3: the pipeline's latency, paid once per run. */
    drain_seconds: number;
    pipeline_rps: number;
    /** pipeline_rps ÷ write_rps: how close the pipeline keeps up with the writer. */
    ratio: number;
    rows_in_s3: number;
    lost: number;
    pass: boolean;
  };
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs one query through the Athena API and returns its data rows (header dropped). */
async function queryRows(client: AthenaClient, sql: string): Promise<string[][]> {
  const { QueryExecutionId } = await client.send(
    new StartQueryExecutionCommand({ QueryString: sql, QueryExecutionContext: { Database: catalog.database } }),
  );
  for (;;) {
    const { QueryExecution } = await client.send(new GetQueryExecutionCommand({ QueryExecutionId }));
    const state = QueryExecution?.Status?.State;
    if (state === 'SUCCEEDED') break;
    if (state === 'FAILED' || state === 'CANCELLED') throw new Error(`query ${state}: ${QueryExecution?.Status?.StateChangeReason}`);
    await sleep(10);
  }
  const { ResultSet } = await client.send(new GetQueryResultsCommand({ QueryExecutionId }));
  return (ResultSet?.Rows ?? []).slice(1).map((row) => (row.Data ?? []).map((d) => d.VarCharValue ?? ''));
}

/**
 * The whole local pipeline in this process: DynamoDB Local and kinesalite behind a gateway, the
 * pipe and Firehose workers, and the Athena facade reading what they write.
 */
export async function benchmarkPipeline(options: { latencyOrders: number; inFlight: number; durationMs: number }): Promise<PipelineBench> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-pipeline-'));
  const aws = await startLocalAws({ port: 0 });
  Object.assign(process.env, aws.env);
  resetConfig();
  setDynamoDbClient(undefined);
  const pipeline = await startPipeline({ endpoint: aws.endpoint, region: aws.region, credentials: aws.credentials, dataDir, log: () => undefined });
  const facade = await startAthenaFacade({ dataDir });
  const gateway = await startGateway([facade.route], 0);
  const athena = new AthenaClient({ endpoint: gateway.url, region: aws.region, credentials: aws.credentials });
  const random = createRandom(99);
  try {
    // 1. Latency: one order at a time, polled through the Athena API until its row is queryable.
    const pollMs = 100;
    const latencies: number[] = [];
    for (let i = 0; i < options.latencyOrders; i++) {
      const started = performance.now();
      const order = await createOrder(generateDemoOrder(random, new Date(), 30), { by: BENCH });
      for (;;) {
        const rows = await queryRows(athena, `SELECT order_id FROM orders_current WHERE order_id = '${order.order_id}'`);
        if (rows.length > 0) break;
        if (performance.now() - started > 30_000) throw new Error(`order ${order.order_id} not queryable after 30 s`);
        await sleep(pollMs);
      }
      latencies.push(performance.now() - started);
    }
    const latency = summarize(latencies);
    const p95 = percentile(Float64Array.from(latencies).sort(), 95);

    // 2. Throughput: writes as fast as `inFlight` clients go; the pipeline must keep up. The
    //    ratio counts the drain after the last write (about the write → S3 latency, ~1.3 s), so
    //    the window is long enough that it measures a rate sustained, not one buffer interval.
    const before = pipeline.stats().firehose.rowsWritten;
    let writes = 0;
    const writeStart = performance.now();
    const deadline = writeStart + options.durationMs;
    await Promise.all(
      Array.from({ length: options.inFlight }, async () => {
        while (performance.now() < deadline) {
          await createOrder(generateDemoOrder(random, new Date(), 30), { by: BENCH });
          writes += 1;
        }
      }),
    );
    const writeEnd = performance.now();
    const writeSeconds = (writeEnd - writeStart) / 1000;
    const drainDeadline = performance.now() + 120_000;
    while (pipeline.stats().firehose.rowsWritten - before < writes && performance.now() < drainDeadline) await sleep(20);
    const endToEnd = (performance.now() - writeStart) / 1000;
    const rows = pipeline.stats().firehose.rowsWritten - before;
    const writeRps = writes / writeSeconds;
    const pipelineRps = rows / endToEnd;
    return {
      write_to_queryable: {
        orders: latencies.length,
        latency_ms: latency,
        p95_ms: round(p95),
        poll_interval_ms: pollMs,
        pass: p95 <= PIPELINE_TARGETS.queryable_p95_ms,
      },
      throughput: {
        in_flight: options.inFlight,
        writes,
        write_seconds: round(writeSeconds),
        write_rps: round(writeRps, 1),
        end_to_end_seconds: round(endToEnd),
        drain_seconds: round(endToEnd - (writeEnd - writeStart) / 1000),
        pipeline_rps: round(pipelineRps, 1),
        ratio: round(pipelineRps / writeRps, 3),
        rows_in_s3: rows,
        lost: Math.max(0, writes - rows),
        pass: pipelineRps / writeRps >= PIPELINE_TARGETS.throughput_ratio && rows >= writes,
      },
    };
  } finally {
    athena.destroy();
    await gateway.close();
    await facade.stop();
    await pipeline.stop();
    await aws.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
