import 'server-only';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { cachedAsyncBuffer, parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from 'hyparquet';

/**
 * Change-log objects are Snappy Parquet (Firehose's record format conversion). hyparquet reads
 * them over ranged GetObjects: the footer for the row count and column statistics, and the
 * change_time column only when a row group has no statistics. Never the whole object.
 */

/** Firehose names converted objects `….parquet`; objects written before the conversion are JSON. */
export const isParquetKey = (key: string) => key.toLowerCase().endsWith('.parquet');

/** An object of known size, read by byte ranges. */
export function s3AsyncBuffer(client: S3Client, bucket: string, key: string, byteLength: number): AsyncBuffer {
  return cachedAsyncBuffer({
    byteLength,
    async slice(start: number, end?: number) {
      const last = (end ?? byteLength) - 1;
      const answer = await client.send(
        new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${last}` }),
      );
      const bytes = (await answer.Body?.transformToByteArray()) ?? new Uint8Array();
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    },
  });
}

/** A change_time as ISO 8601: a Date from a typed `timestamp` column, text from a legacy one. */
const text = (value: unknown): string | null => {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return null;
};

/** Rows and the newest change_time of a Parquet change-log object. */
export async function summariseParquetObject(
  client: S3Client,
  bucket: string,
  key: string,
  size: number,
): Promise<{ rows: number; newestChangeTime: string | null }> {
  const file = s3AsyncBuffer(client, bucket, key, size);
  const metadata = await parquetMetadataAsync(file);
  const rows = Number(metadata.num_rows);
  let newest: string | null = null;
  let complete = true;
  for (const group of metadata.row_groups) {
    if (Number(group.num_rows) === 0) continue;
    const chunk = group.columns.find((c) => c.meta_data?.path_in_schema.join('.') === 'change_time');
    const stats = chunk?.meta_data?.statistics;
    const max = text(stats?.max_value ?? stats?.max);
    if (max === null) {
      complete = false;
      break;
    }
    if (newest === null || max > newest) newest = max;
  }
  if (!complete) {
    newest = null;
    const values = await parquetReadObjects({ file, metadata, columns: ['change_time'] });
    for (const row of values) {
      const value = text(row.change_time);
      if (value !== null && (newest === null || value > newest)) newest = value;
    }
  }
  return { rows, newestChangeTime: newest };
}
