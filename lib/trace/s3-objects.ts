import 'server-only';
import { HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export type ObjectInfo = {
  uri: string;
  bucket: string;
  key: string;
  /** When S3 stored the object: the moment its rows were delivered. */
  lastModified: string | null;
  size: number | null;
};

export function parseS3Uri(uri: string): { bucket: string; key: string } | undefined {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  return match ? { bucket: match[1]!, key: match[2]! } : undefined;
}

/** HeadObject for each object that holds a row of the order (a handful: one per change). */
export async function headObjects(client: S3Client, uris: readonly string[]): Promise<Map<string, ObjectInfo>> {
  const unique = [...new Set(uris)];
  const infos = await Promise.all(
    unique.map(async (uri): Promise<ObjectInfo | undefined> => {
      const parts = parseS3Uri(uri);
      if (!parts) return undefined;
      const head = await client.send(new HeadObjectCommand({ Bucket: parts.bucket, Key: parts.key }));
      return {
        uri,
        ...parts,
        lastModified: head.LastModified ? head.LastModified.toISOString() : null,
        size: head.ContentLength ?? null,
      };
    }),
  );
  return new Map(infos.filter((i): i is ObjectInfo => i !== undefined).map((i) => [i.uri, i]));
}
