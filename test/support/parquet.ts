import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';

/**
 * INT64 columns come back as bigint (the change row's numbers fit in a double), and timestamp
 * columns as Date: ISO 8601, as the transform wrote them.
 */
function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object' && !(value instanceof Uint8Array))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

/** Every row of a local Parquet file as plain objects (numbers, not bigints). */
export async function readParquetRows(file: string): Promise<Record<string, unknown>[]> {
  const rows = await parquetReadObjects({ file: await asyncBufferFromFile(file) });
  return rows.map((row) => toPlain(row) as Record<string, unknown>);
}

/** Every row of a Parquet object body. */
export async function readParquetBody(body: string | Uint8Array): Promise<Record<string, unknown>[]> {
  if (typeof body === 'string') throw new Error('expected a Parquet body, got text');
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  const rows = await parquetReadObjects({ file });
  return rows.map((row) => toPlain(row) as Record<string, unknown>);
}
