import type { StoredObject } from '../store';

/** Change-log objects are Parquet (or JSON from before the conversion); error objects JSON lines. */
function contentTypeOf(key: string): string {
  if (key.endsWith('.parquet')) return 'application/octet-stream';
  if (key.endsWith('.json') || key.startsWith('order_changes/') || key.startsWith('errors/')) return 'application/json';
  if (key.endsWith('.csv')) return 'text/csv';
  if (key.endsWith('.txt')) return 'text/plain';
  return 'application/octet-stream';
}

export function objectHeaders(object: StoredObject): Record<string, string> {
  return {
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'content-type': contentTypeOf(object.key),
    'accept-ranges': 'bytes',
  };
}
