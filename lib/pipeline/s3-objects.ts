import 'server-only';
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';

export type ListedObject = { key: string; lastModified: Date; size: number };

/**
 * Lists keys under a prefix, at most `maxKeys` of them (pages of up to 1000), so a health check
 * stays bounded however large the bucket grows. `truncated` says there were more.
 */
export async function listObjects(
  client: S3Client,
  bucket: string,
  prefix: string,
  options: { maxKeys?: number; startAfter?: string } = {},
): Promise<{ objects: ListedObject[]; truncated: boolean }> {
  const maxKeys = options.maxKeys ?? 5_000;
  const objects: ListedObject[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: prefix,
        StartAfter: token ? undefined : options.startAfter,
        ContinuationToken: token,
        MaxKeys: Math.min(1000, maxKeys - objects.length),
      }),
    );
    for (const o of page.Contents ?? []) {
      if (o.Key) objects.push({ key: o.Key, lastModified: o.LastModified ?? new Date(0), size: o.Size ?? 0 });
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token && objects.length < maxKeys);
  return { objects, truncated: token !== undefined };
}

/** Newest first by LastModified, then by key (Firehose names carry the time). */
export function sortNewestFirst(objects: readonly ListedObject[]): ListedObject[] {
  return [...objects].sort(
    (a, b) => b.lastModified.getTime() - a.lastModified.getTime() || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0),
  );
}

/**
 * Reads an object's text, at most `maxBytes` of it (a Range request); a cut-off last line is
 * dropped so callers only ever see whole newline-delimited records.
 */
export async function readObjectText(
  client: S3Client,
  bucket: string,
  key: string,
  maxBytes = 1024 * 1024,
): Promise<{ text: string; truncated: boolean }> {
  const answer = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=0-${maxBytes - 1}` }));
  const text = (await answer.Body?.transformToString('utf8')) ?? '';
  const total = Number(answer.ContentRange?.split('/')[1] ?? text.length);
  const truncated = Number.isFinite(total) && total > maxBytes;
  return { text: truncated ? text.slice(0, text.lastIndexOf('\n') + 1) : text, truncated };
}
