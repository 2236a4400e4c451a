import 'server-only';
import type { S3Client } from '@aws-sdk/client-s3';
import { getS3Client } from '@/lib/aws/s3';
import { getConfig } from '@/lib/config';
import { changeLogBucket } from '@/lib/resources';
import { parseErrorObject, type ErrorRecordView } from './error-record';
import { PipelineSourceUnavailable } from './errors';
import { listObjects, readObjectText, sortNewestFirst } from './s3-objects';

export type { ErrorRecordView } from './error-record';

/** The fixed part of the error prefix (`errors/`), before Firehose's expressions. */
export const ERROR_PREFIX = changeLogBucket.errorPrefix.split('!')[0]!;

export type ErrorRecords = {
  /** Error objects under the prefix (at most `maxListed`; `objectsTruncated` when there are more). */
  objects: number;
  objectsTruncated: boolean;
  bytes: number;
  newestObjectAt: string | null;
  /** Error objects written in the last `recentMs` (an hour by default). */
  recentObjects: number;
  /** Newest first: from the newest objects, last line first. */
  records: ErrorRecordView[];
  /** How many objects were read to find them. */
  objectsRead: number;
};

export type ListErrorRecordsOptions = {
  limit?: number;
  /** Only records whose payload names this order. */
  orderId?: string;
  /** Objects read at most (newest first); bounds the cost of a search. */
  maxObjectsRead?: number;
  maxListed?: number;
  recentMs?: number;
  client?: S3Client;
  bucket?: string;
};

/**
 * The newest Firehose error records in the change-log bucket's error prefix, read through the S3
 * API (the local S3 or AWS alike), with the reason and the decoded payload of each.
 */
export async function listErrorRecords(options: ListErrorRecordsOptions = {}): Promise<ErrorRecords> {
  const limit = options.limit ?? 20;
  const client = options.client ?? getS3Client();
  const bucket = options.bucket ?? getConfig().changeLogBucket;
  const maxObjectsRead = options.maxObjectsRead ?? (options.orderId ? 50 : 10);
  try {
    const listed = await listObjects(client, bucket, ERROR_PREFIX, { maxKeys: options.maxListed ?? 5_000 });
    const newest = sortNewestFirst(listed.objects);
    const records: ErrorRecordView[] = [];
    let objectsRead = 0;
    for (const object of newest) {
      if (records.length >= limit || objectsRead >= maxObjectsRead) break;
      const { text } = await readObjectText(client, bucket, object.key);
      objectsRead++;
      const found = parseErrorObject(object.key, text).reverse();
      records.push(...(options.orderId ? found.filter((r) => r.orderId === options.orderId) : found));
    }
    return {
      objects: listed.objects.length,
      objectsTruncated: listed.truncated,
      bytes: listed.objects.reduce((sum, o) => sum + o.size, 0),
      newestObjectAt: newest[0]?.lastModified.toISOString() ?? null,
      recentObjects: listed.objects.filter((o) => o.lastModified.getTime() > Date.now() - (options.recentMs ?? 3_600_000)).length,
      records: records.slice(0, limit),
      objectsRead,
    };
  } catch (error) {
    throw new PipelineSourceUnavailable('change-log bucket (S3)', { cause: error });
  }
}
