import type { S3Operation } from '../context';
import { invalidRange } from '../errors';
import { objectHeaders } from './object-headers';

/** Parses a single `bytes=` range; undefined means "the whole object" (S3 ignores what it cannot parse). */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  const match = header?.match(/^bytes=(\d*)-(\d*)$/);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, from, to] = match;
  if (from === '') {
    const suffix = Number(to);
    if (suffix === 0) throw invalidRange(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  if (start >= size) throw invalidRange(size);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (end < start) return undefined;
  return { start, end };
}

/** GetObject, with a single byte Range (206 + Content-Range) when asked. */
export const getObject: S3Operation = async (store, request) => {
  const object = await store.describe(request.bucket!, request.key!);
  const header = request.headers.range;
  const range = parseRange(Array.isArray(header) ? header[0] : header, object.size);
  const headers = objectHeaders(object);
  if (!range) {
    return { status: 200, headers: { ...headers, 'content-length': object.size }, body: store.read(request.bucket!, request.key!) };
  }
  return {
    status: 206,
    headers: {
      ...headers,
      'content-length': range.end - range.start + 1,
      'content-range': `bytes ${range.start}-${range.end}/${object.size}`,
    },
    body: store.read(request.bucket!, request.key!, range),
  };
};
