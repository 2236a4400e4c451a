import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  IncreaseStreamRetentionPeriodCommand,
  KinesisClient,
  ResourceInUseException,
  ResourceNotFoundException,
  type StreamDescriptionSummary,
} from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import kinesalite from 'kinesalite';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

export type LocalKinesis = { port: number; stop: () => Promise<void> };

/**
 * kinesalite in this process on a free loopback port, persisted with LevelDB under `dataDir`
 * (in memory without one). Its default 500 ms CREATING/DELETING/UPDATING phases are cut so that
 * streams are ACTIVE almost at once.
 */
export async function startKinesis(options: { dataDir?: string } = {}): Promise<LocalKinesis> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = kinesalite({
    path: options.dataDir,
    createStreamMs: 10,
    deleteStreamMs: 10,
    updateStreamMs: 10,
    shardLimit: 50,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let stopped = false;
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (stopped) return resolve();
        stopped = true;
        // close() waits for open sockets; the gateway keeps idle keep-alive ones.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

export type KinesisConnection = {
  endpoint: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
};

/** A Kinesis client for the local endpoint. HTTP/1.1: the SDK's default HTTP/2 fails against emulators. */
export function createKinesisClient({ endpoint, region, credentials }: KinesisConnection): KinesisClient {
  return new KinesisClient({
    endpoint,
    region,
    credentials,
    maxAttempts: 3,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 10_000 }),
  });
}

export type StreamDefinition = { name: string; shardCount: number; retentionHours: number };

async function describeStream(
  client: KinesisClient,
  name: string,
): Promise<StreamDescriptionSummary | undefined> {
  try {
    return (await client.send(new DescribeStreamSummaryCommand({ StreamName: name })))
      .StreamDescriptionSummary;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitForActive(
  client: KinesisClient,
  name: string,
  timeoutMs: number,
): Promise<StreamDescriptionSummary> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await describeStream(client, name);
    if (summary?.StreamStatus === 'ACTIVE') return summary;
    if (Date.now() > deadline)
      throw new Error(
        `Kinesis stream ${name} is not ACTIVE after ${timeoutMs} ms (${summary?.StreamStatus ?? 'missing'})`,
      );
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Creates the stream from its shared definition unless it exists, and waits until it is ACTIVE.
 * Returns true when it was created now. Server-side encryption is left out: kinesalite does not
 * implement StartStreamEncryption (infra/ enables it on AWS).
 */
export async function ensureKinesisStream(
  client: KinesisClient,
  definition: StreamDefinition,
  name = definition.name,
) {
  const existing = await describeStream(client, name);
  if (existing) {
    await waitForActive(client, name, 10_000);
    return false;
  }
  try {
    await client.send(
      new CreateStreamCommand({
        StreamName: name,
        ShardCount: definition.shardCount,
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
      }),
    );
  } catch (error) {
    // Someone else created it between our describe and create.
    if (!(error instanceof ResourceInUseException)) throw error;
    await waitForActive(client, name, 10_000);
    return false;
  }
  await waitForActive(client, name, 10_000);
  if (definition.retentionHours > 24) {
    await client.send(
      new IncreaseStreamRetentionPeriodCommand({
        StreamName: name,
        RetentionPeriodHours: definition.retentionHours,
      }),
    );
    await waitForActive(client, name, 10_000);
  }
  return true;
}
