import 'server-only';
import type { S3Client } from '@aws-sdk/client-s3';
import { changeLogBucket } from '@/lib/resources';
import type { DeliveredObject } from './health-types';
import { isParquetKey, summariseParquetObject } from './parquet-object';
import { listObjects, readObjectText, sortNewestFirst, type ListedObject } from './s3-objects';

/**
 * What Firehose delivered into one `dt` partition of the change log: object count and bytes (at
 * most `maxKeys` listed), and the newest object read for its rows and newest change_time (a
 * Parquet object through its footer, see parquet-object.ts).
 */
export type PartitionDelivery = {
  dt: string;
  objects: number;
  truncated: boolean;
  bytes: number;
  newest: DeliveredObject | null;
};

export const partitionPrefix = (dt: string) => `${changeLogBucket.tablePrefix}dt=${dt}/`;

const TIMESTAMPED = /^(.*-)\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-[^/]+$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** Firehose names objects `<stream>-<version>-yyyy-MM-dd-HH-mm-ss-<id>`: the key a time sorts after. */
export function keyAtTime(sampleKey: string, time: Date): string | undefined {
  const match = sampleKey.match(TIMESTAMPED);
  if (!match) return undefined;
  const stamp = `${time.getUTCFullYear()}-${pad(time.getUTCMonth() + 1)}-${pad(time.getUTCDate())}-${pad(time.getUTCHours())}-${pad(time.getUTCMinutes())}-${pad(time.getUTCSeconds())}`;
  return `${match[1]}${stamp}`;
}

/** Rows and the newest change_time in a newline-delimited JSON change-log object (before Parquet). */
export function summariseRows(text: string): { rows: number; newestChangeTime: string | null } {
  let rows = 0;
  let newest: string | null = null;
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    rows++;
    const match = line.match(/"change_time"\s*:\s*"([^"]+)"/);
    if (match && (newest === null || match[1]! > newest)) newest = match[1]!;
  }
  return { rows, newestChangeTime: newest };
}

export async function describePartition(
  client: S3Client,
  bucket: string,
  dt: string,
  now: Date,
  maxKeys = 5_000,
): Promise<PartitionDelivery> {
  const prefix = partitionPrefix(dt);
  const listed = await listObjects(client, bucket, prefix, { maxKeys });
  let candidates: ListedObject[] = listed.objects;
  if (listed.truncated && listed.objects[0]) {
    // Too many to list: names sort by time, so list only the last quarter hour's objects.
    const after = keyAtTime(listed.objects[0].key, new Date(now.getTime() - 15 * 60_000));
    if (after) candidates = (await listObjects(client, bucket, prefix, { maxKeys: 1_000, startAfter: after })).objects;
  }
  const newestListed = sortNewestFirst(candidates)[0];
  let newest: DeliveredObject | null = null;
  if (newestListed) {
    const summary = isParquetKey(newestListed.key)
      ? await summariseParquetObject(client, bucket, newestListed.key, newestListed.size)
      : summariseRows((await readObjectText(client, bucket, newestListed.key)).text);
    newest = {
      key: newestListed.key,
      lastModified: newestListed.lastModified.toISOString(),
      size: newestListed.size,
      ...summary,
    };
  }
  return {
    dt,
    objects: listed.objects.length,
    truncated: listed.truncated,
    bytes: listed.objects.reduce((sum, o) => sum + o.size, 0),
    newest,
  };
}
