import 'server-only';
import type { S3Client } from '@aws-sdk/client-s3';
import { listErrorRecords } from '@/lib/pipeline/error-records';
import type { ErrorHit } from './timeline';

const EVENT_ID = /"eventID"\s*:\s*"([^"\\]{1,128})"/;
const VERSION = /"version"\s*:\s*\{\s*"N"\s*:\s*"(\d{1,15})"/;

/** The order's records in the Firehose error prefix, with the stream record's eventID when readable. */
export async function findErrorHits(
  orderId: string,
  options: { client?: S3Client } = {},
): Promise<{ hits: ErrorHit[]; objectsRead: number }> {
  const found = await listErrorRecords({ orderId, limit: 50, ...(options.client ? { client: options.client } : {}) });
  return {
    objectsRead: found.objectsRead,
    hits: found.records.map((record) => ({
      key: record.key,
      errorCode: record.errorCode,
      errorMessage: record.errorMessage,
      eventID: EVENT_ID.exec(record.payload)?.[1] ?? null,
      eventName: record.eventName,
      version: VERSION.exec(record.payload) ? Number(VERSION.exec(record.payload)![1]) : null,
      failedAt: record.failedAt,
      arrivedAt: record.arrivedAt,
    })),
  };
}
