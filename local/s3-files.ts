import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * The local S3: plain files at `<dataDir>/s3/<bucket>/<key>`, so DuckDB (the Athena facade) reads
 * them directly. Objects are staged outside the bucket and renamed into place, so a reader never
 * sees a half-written object, not even as a hidden temp file in a partition directory.
 */
export function s3Root(dataDir: string): string {
  return path.join(dataDir, 's3');
}

function stagingDir(dataDir: string): string {
  return path.join(dataDir, 's3-staging');
}

export function objectPath(dataDir: string, bucket: string, key: string): string {
  const parts = key.split('/');
  if (
    !bucket ||
    /[/\\]/.test(bucket) ||
    parts.some((p) => p === '..' || p === '.' || p === '') ||
    key.includes('\\')
  ) {
    throw new Error(`invalid local S3 location ${bucket}/${key}`);
  }
  return path.join(s3Root(dataDir), bucket, ...parts);
}

/** Writes an object durably (fsync) and atomically (rename). */
export async function putObject(
  dataDir: string,
  bucket: string,
  key: string,
  body: string | Uint8Array,
): Promise<string> {
  const target = objectPath(dataDir, bucket, key);
  const staging = stagingDir(dataDir);
  await Promise.all([mkdir(staging, { recursive: true }), mkdir(path.dirname(target), { recursive: true })]);
  const temp = path.join(staging, randomUUID());
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(body);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  return target;
}

/** Removes staged leftovers of a crash; they were never visible and their records were never checkpointed. */
export async function clearStaging(dataDir: string): Promise<void> {
  await rm(stagingDir(dataDir), { recursive: true, force: true });
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A Java DateTimeFormatter pattern as Firehose evaluates it, in UTC: yyyy, MM, dd, HH, mm, ss. */
function formatTimestamp(pattern: string, time: Date): string {
  return pattern.replace(/yyyy|MM|dd|HH|mm|ss/g, (token) => {
    switch (token) {
      case 'yyyy':
        return pad(time.getUTCFullYear(), 4);
      case 'MM':
        return pad(time.getUTCMonth() + 1);
      case 'dd':
        return pad(time.getUTCDate());
      case 'HH':
        return pad(time.getUTCHours());
      case 'mm':
        return pad(time.getUTCMinutes());
      default:
        return pad(time.getUTCSeconds());
    }
  });
}

export type PrefixContext = {
  /** Firehose uses the arrival time of the oldest record in the object. */
  timestamp: Date;
  partitionKeys?: Record<string, string>;
  errorOutputType?: string;
};

/**
 * Evaluates a Firehose custom prefix: `!{timestamp:…}`, `!{firehose:error-output-type}`,
 * `!{firehose:random-string}` and `!{partitionKeyFromLambda:…}` / `!{partitionKeyFromQuery:…}`.
 * Like Firehose, it appends `yyyy/MM/dd/HH/` when the prefix has neither a timestamp nor a
 * partition key expression.
 */
export function renderPrefix(template: string, context: PrefixContext): string {
  const rendered = template.replace(
    /!\{([A-Za-z]+):([^}]*)\}/g,
    (expression, namespace: string, value: string) => {
      switch (namespace) {
        case 'timestamp':
          return formatTimestamp(value, context.timestamp);
        case 'firehose':
          if (value === 'error-output-type' && context.errorOutputType) return context.errorOutputType;
          if (value === 'random-string') return randomBytes(8).toString('base64url').slice(0, 11);
          break;
        case 'partitionKeyFromLambda':
        case 'partitionKeyFromQuery': {
          const key = context.partitionKeys?.[value];
          if (key !== undefined) return key;
          throw new Error(`no value for partition key "${value}"`);
        }
      }
      throw new Error(`cannot evaluate ${expression} in prefix ${template}`);
    },
  );
  if (/!\{(timestamp|partitionKeyFrom)/.test(template)) return rendered;
  return `${rendered}${formatTimestamp('yyyy/MM/dd/HH', context.timestamp)}/`;
}

/** Firehose's object name: `<stream>-<version>-YYYY-MM-DD-HH-MM-SS-<random>`. */
export function firehoseObjectName(
  deliveryStreamName: string,
  time: Date,
  random: string = randomUUID(),
): string {
  return `${deliveryStreamName}-1-${formatTimestamp('yyyy-MM-dd-HH-mm-ss', time)}-${random}`;
}
