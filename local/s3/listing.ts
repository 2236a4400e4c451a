import { compareKeys } from './store';

/**
 * ListObjectsV2's paging rules over a sorted key list: prefix, delimiter (keys sharing the part
 * up to the next delimiter roll up into one CommonPrefix), start-after, continuation token and
 * max-keys, where a CommonPrefix counts as one key, as on S3.
 */
export type ListRequest = {
  prefix: string;
  delimiter?: string;
  startAfter?: string;
  /** The last key or common prefix returned by the previous page. */
  after?: string;
  maxKeys: number;
};

export type ListPage = {
  keys: string[];
  commonPrefixes: string[];
  isTruncated: boolean;
  /** Where the next page starts (exclusive) when truncated. */
  resumeAfter?: string;
};

export function paginateKeys(sortedKeys: readonly string[], request: ListRequest): ListPage {
  const { prefix, delimiter, maxKeys } = request;
  const floor = [request.startAfter, request.after]
    .filter((k): k is string => !!k)
    .sort(compareKeys)
    .at(-1);
  const keys: string[] = [];
  const commonPrefixes: string[] = [];
  let last: string | undefined;
  for (const key of sortedKeys) {
    if (!key.startsWith(prefix)) continue;
    if (floor !== undefined && compareKeys(key, floor) <= 0) continue;
    let rolled: string | undefined;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) rolled = key.slice(0, at + delimiter.length);
    }
    // Keys of a common prefix already returned (possibly on an earlier page) are skipped.
    if (rolled !== undefined && (rolled === last || rolled === request.after)) continue;
    if (keys.length + commonPrefixes.length >= maxKeys) return { keys, commonPrefixes, isTruncated: true, resumeAfter: last };
    if (rolled !== undefined) commonPrefixes.push(rolled);
    else keys.push(key);
    last = rolled ?? key;
  }
  return { keys, commonPrefixes, isTruncated: false };
}

/** Continuation tokens are opaque to clients; here they carry the resume key. */
export function encodeContinuationToken(after: string): string {
  return Buffer.from(after, 'utf8').toString('base64url');
}

export function decodeContinuationToken(token: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const after = Buffer.from(token, 'base64url').toString('utf8');
  return after.length ? after : undefined;
}
