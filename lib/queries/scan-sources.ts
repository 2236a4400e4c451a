import 'server-only';
import { GetWorkGroupCommand, type AthenaClient } from '@aws-sdk/client-athena';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { changeTable } from '@/lib/analytics/catalog';
import { getAthenaClient } from '@/lib/aws/athena';
import { getS3Client } from '@/lib/aws/s3';
import { getConfig } from '@/lib/config';
import { callAthena } from './athena-errors';
import type { PartitionSizes } from './scan-estimate';

/**
 * Honest inputs for the cost pre-check: partition sizes from S3 ListObjectsV2 over the change
 * table's prefix (an upper bound: Parquet lets Athena read only the columns a query needs),
 * and the workgroup's bytes-scanned cutoff from GetWorkGroup.
 */

const IGNORED = /(^|\/)[._][^/]*$|\.tmp$/;
/**
 * The editor checks on every pause in typing; one S3 listing and one GetWorkGroup serve those
 * checks for a few seconds. Keyed by client, so a swapped client never gets another one's answer;
 * a failed call is forgotten at once.
 */
const CACHE_MS = 10_000;

function cachePerClient<C extends object, T>(load: (client: C) => Promise<T>): (client: C) => Promise<T> {
  const cache = new WeakMap<C, { at: number; value: Promise<T> }>();
  return (client) => {
    const hit = cache.get(client);
    if (hit && Date.now() - hit.at <= CACHE_MS) return hit.value;
    const value = load(client);
    cache.set(client, { at: Date.now(), value });
    value.catch(() => {
      if (cache.get(client)?.value === value) cache.delete(client);
    });
    return value;
  };
}

const cachedPartitionSizes = cachePerClient(listPartitionSizesNow);

export function listPartitionSizes(): Promise<PartitionSizes> {
  return cachedPartitionSizes(getS3Client());
}

async function listPartitionSizesNow(s3: S3Client): Promise<PartitionSizes> {
  const bucket = getConfig().changeLogBucket;
  const sizes = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: changeTable.prefix, ContinuationToken: token }),
    );
    for (const object of page.Contents ?? []) {
      const key = object.Key ?? '';
      const match = /(?:^|\/)dt=([^/]+)\//.exec(key);
      if (!match || IGNORED.test(key)) continue;
      sizes.set(match[1] as string, (sizes.get(match[1] as string) ?? 0) + (object.Size ?? 0));
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return new Map([...sizes.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

const cachedCutoff = cachePerClient(async (athena: AthenaClient): Promise<number | null> => {
  const { WorkGroup } = await callAthena(() => athena.send(new GetWorkGroupCommand({ WorkGroup: getConfig().athena.workGroup })));
  return WorkGroup?.Configuration?.BytesScannedCutoffPerQuery ?? null;
});

/** The workgroup's BytesScannedCutoffPerQuery, or null when it has none. */
export function getBytesScannedCutoff(): Promise<number | null> {
  return cachedCutoff(getAthenaClient());
}
