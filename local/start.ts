/**
 * `npm start`: the embedded local AWS, demo data on first run, then the dashboard.
 *
 *   npm start                       persistent data under .data/
 *   npm start -- --fresh            wipe .data/ first (or LOCAL_FRESH=1)
 *   npm start -- --in-memory        keep nothing on disk (tests)
 *   npm start -- --no-seed          skip demo data
 *   npm run dev                     next dev instead of a production build
 *
 * The production dashboard is Next's standalone server (<distDir>/standalone/server.js), the same
 * output the container image runs.
 *
 * Ports: PORT (dashboard, 3000), LOCAL_AWS_PORT (AWS endpoint, 4566), LOCAL_OIDC_PORT (sign-in, 4567).
 * Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { catalog, changeStream } from '@/lib/resources';
import { ensureStandaloneBuild, standaloneServer } from './next-build';
import { startLocalOidc, type LocalOidc } from './oidc/server';
import { startPipeline, type Pipeline } from './pipeline';
import { createBuiltInQueries } from './seed-queries';
import { startLocalAws, type LocalAws } from './stack';

const root = path.resolve(import.meta.dirname, '..');
const { values: flags } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: process.env.LOCAL_FRESH === '1' },
    'in-memory': { type: 'boolean', default: false },
    'no-seed': { type: 'boolean', default: false },
    dev: { type: 'boolean', default: false },
  },
});

const dashboardPort = Number(process.env.PORT ?? 3000);
const awsPort = Number(process.env.LOCAL_AWS_PORT ?? 4566);
const oidcPort = Number(process.env.LOCAL_OIDC_PORT ?? 4567);
// Where people open the dashboard; both loopback names are registered unless APP_URL says one.
const appUrl = (process.env.APP_URL ?? `http://localhost:${dashboardPort}`).replace(/\/$/, '');
const appUrls = process.env.APP_URL
  ? [appUrl]
  : [`http://localhost:${dashboardPort}`, `http://127.0.0.1:${dashboardPort}`];
const dataDir = path.resolve(root, process.env.LOCAL_DATA_DIR ?? '.data');
const distDir = process.env.NEXT_DIST_DIR ?? '.next';
const startedAt = performance.now();
const children: ChildProcess[] = [];
let localAws: LocalAws | undefined;
let oidc: LocalOidc | undefined;
let pipeline: Pipeline | undefined;
let stopping = false;

const log = (message: string) => console.log(`[local] ${message}`);
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
  children.push(child);
  return child;
}

function buildDashboard(env: NodeJS.ProcessEnv): Promise<void> {
  return ensureStandaloneBuild(root, path.join(root, distDir), {
    env,
    onBuild: (child) => {
      log('building the dashboard (first start, or the sources changed)…');
      children.push(child);
    },
  });
}

/** Resolves when the child has exited, or after `ms` (it is killed then). */
function exited(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping…');
  for (const child of children) child.kill('SIGTERM');
  // The dashboard drains (feed streams told to reconnect, requests answered) while AWS is still up.
  await Promise.all(children.map((child) => exited(child, 15_000)));
  // The pipeline flushes its buffers while the emulators are still up.
  await pipeline?.stop().catch((error: Error) => console.error(`[local] pipeline stop: ${error.message}`));
  await localAws?.stop().catch(() => undefined);
  await oidc?.stop().catch(() => undefined);
  process.exit(code);
}

async function main() {
  if (flags.fresh) {
    rmSync(dataDir, { recursive: true, force: true });
    log(`wiped ${path.relative(root, dataDir) || dataDir}/`);
  }
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  // The build needs no AWS, so it runs while the emulators start.
  const build = flags.dev ? Promise.resolve() : buildDashboard(baseEnv);
  const keptDir = flags['in-memory'] ? undefined : dataDir;
  // Both are kept as soon as they are up, so a failure of one still stops the other.
  const started = await Promise.allSettled([
    startLocalAws({ port: awsPort, dataDir: keptDir }).then((value) => (localAws = value)),
    startLocalOidc({ port: oidcPort, dataDir: keptDir, appUrls }).then((value) => (oidc = value)),
  ]);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed || !localAws || !oidc) throw failed?.reason ?? new Error('the local stack did not start');
  log(`local AWS ready at ${localAws.endpoint}, sign-in at ${oidc.issuer} (${elapsed()})`);
  Object.assign(process.env, localAws.env);
  // Every start, like a deploy: the built-in saved queries exist even with --no-seed.
  const builtIns = await createBuiltInQueries(localAws);
  log(`saved queries: ${builtIns.created} built-in created, ${builtIns.existing} already there`);
  pipeline = await startPipeline({
    endpoint: localAws.endpoint,
    region: localAws.region,
    credentials: localAws.credentials,
    dataDir: localAws.filesDir,
    tableName: localAws.env.ORDERS_TABLE_NAME,
  });

  if (localAws.createdTables && !flags['no-seed']) {
    const { seedDemoOrders } = await import('./seed');
    const seeded = await seedDemoOrders({ count: 300, days: 90 });
    log(`seeded ${seeded.orders} demo orders (${seeded.writes} writes) (${elapsed()})`);
  }

  await build;
  const appEnv = {
    ...baseEnv,
    ...localAws.env,
    ...oidc.env,
    APP_URL: appUrl,
    PORT: String(dashboardPort),
    // kinesalite has no read limit to share with the local Firehose worker, so the feed need not
    // pause after an empty read (the hub still keeps to 5 reads/s per shard).
    FEED_IDLE_POLL_MS: baseEnv.FEED_IDLE_POLL_MS ?? '0',
  };
  let next: ChildProcess;
  if (flags.dev)
    next = run([nextBin, 'dev', '--hostname', '127.0.0.1', '--port', String(dashboardPort)], appEnv);
  else {
    const server = standaloneServer(path.join(root, distDir));
    log(`dashboard: node ${path.relative(root, server)}`);
    next = run([server], {
      ...appEnv,
      // Loopback only (the container sets 0.0.0.0); HOSTNAME is often the machine's name otherwise.
      HOSTNAME: '127.0.0.1',
      // The dashboard's own SIGTERM handler drains it (instrumentation.ts) instead of Next's.
      NEXT_MANUAL_SIG_HANDLE: 'true',
    });
  }
  next.once('exit', (code) => {
    if (!stopping) {
      log(`the dashboard exited (code ${code})`);
      void shutdown(code ?? 1);
    }
  });
  await waitForHttp(`http://127.0.0.1:${dashboardPort}/api/health`, 60_000);
  console.log(
    [
      '',
      `  Dashboard        ${appUrl}`,
      `  Sign-in          ${oidc!.issuer}  (users sales, analyst, analyst2, engineer, admin; password local-<name>)`,
      `  Local AWS        ${localAws.endpoint}  (DynamoDB, DynamoDB Streams, Kinesis, Athena, S3, SQS)`,
      `  Pipeline         orders stream → pipe → Kinesis ${changeStream.name} → firehose → ${displayPath(pipeline!.changeLogDir)}`,
      `  Data             ${flags['in-memory'] ? `in memory (S3 files in ${localAws.filesDir}, removed on exit)` : path.relative(root, dataDir) + '/'}`,
      `  Ready in         ${elapsed()}`,
      '',
      '  Point the AWS CLI at it:  AWS_ENDPOINT_URL=' + localAws.endpoint + ' aws dynamodb list-tables',
      `  Query the change log:     aws athena start-query-execution --endpoint-url ${localAws.endpoint} --query-execution-context Database=${catalog.database} --query-string "SELECT status, count(*) FROM orders_current GROUP BY status"`,
      '  Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
  reportPipelineProgress();
}

/** A line whenever the pipeline moved, so the terminal shows changes flowing end to end. */
function reportPipelineProgress(everyMs = 5_000) {
  const describe = ({ pipe, firehose }: ReturnType<Pipeline['stats']>) =>
    `${pipe.recordsOut} changes → Kinesis → ${firehose.rowsWritten} rows in S3 (${firehose.objectsWritten} objects)${
      firehose.failed ? `, ${firehose.failed} failed to errors/` : ''
    }${pipe.deadLettered ? `, ${pipe.deadLettered} dead-lettered` : ''}`;
  let last = '';
  const timer = setInterval(() => {
    if (!pipeline) return;
    const stats = pipeline.stats();
    const line = describe(stats);
    // Counts are since this start; stay quiet until something has moved.
    const moved = stats.pipe.recordsIn + stats.firehose.recordsIn > 0;
    if (moved && line !== last) console.log(`[pipeline] ${line}`);
    last = line;
  }, everyMs);
  timer.unref();
}

function displayPath(file: string) {
  const relative = path.relative(root, file);
  return relative.startsWith('..') ? file : relative;
}

async function waitForHttp(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  if (!stopping) throw new Error(`the dashboard did not answer ${url} within ${timeoutMs / 1000} s`);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (error: Error) => {
  console.error(`\n[local] ${error.message}\n`);
  await shutdown(1);
});
