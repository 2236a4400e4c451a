import 'server-only';
import { GetWorkGroupCommand } from '@aws-sdk/client-athena';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { changeTable } from '@/lib/analytics/catalog';
import { getAthenaClient } from '@/lib/aws/athena';
import { getS3Client } from '@/lib/aws/s3';
import { getConfig } from '@/lib/config';
import { callAthena } from './athena-errors';
import type { PartitionSizes } from './scan-estimate';

/**
 * Honest inputs for the cost pre-check: partition sizes from S3 ListObjectsV2 over the change
 * table's prefix (what Athena reads, since it bills JSON by file size), and the workgroup's
 * bytes-scanned cutoff from GetWorkGroup.
 */

const IGNORED = /(^|\/)[._][^/]*$|\.tmp$/;
/** The editor checks on every pause in typing; one listing serves them for a few seconds. */
const CACHE_MS = 10_000;
let cached: { at: number; sizes: Promise<PartitionSizes> } | undefined;

export function listPartitionSizes(): Promise<PartitionSizes> {
  if (!cached || Date.now() - cached.at > CACHE_MS) {
    const sizes = listPartitionSizesNow();
    cached = { at: Date.now(), sizes };
    sizes.catch(() => {
      if (cached?.sizes === sizes) cached = undefined;
    });
  }
  return cached.sizes;
}

async function listPartitionSizesNow(): Promise<PartitionSizes> {
  const bucket = getConfig().changeLogBucket;
  const sizes = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await getS3Client().send(
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

/** The workgroup's BytesScannedCutoffPerQuery, or null when it has none. */
export async function getBytesScannedCutoff(): Promise<number | null> {
  const { WorkGroup } = await callAthena(() =>
    getAthenaClient().send(new GetWorkGroupCommand({ WorkGroup: getConfig().athena.workGroup })),
  );
  return WorkGroup?.Configuration?.BytesScannedCutoffPerQuery ?? null;
}
