import { describe, expect, it } from 'vitest';
import { parseS3Url } from '@/local/s3';
import { decodeContinuationToken, encodeContinuationToken, paginateKeys } from '@/local/s3/listing';
import { parseRange } from '@/local/s3/operations/get-object';
import { operationFor } from '@/local/s3/operations';
import { compareKeys } from '@/local/s3/store';

const keys = ['a/1', 'a/2', 'b/1', 'b/x/1', 'c', 'd/1'];

/** Follows pages the way a client does and returns everything it saw. */
function walk(request: { prefix?: string; delimiter?: string; startAfter?: string; maxKeys: number }) {
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const page = paginateKeys(keys, { prefix: '', ...request, after });
    pages++;
    seen.push(...page.keys, ...page.commonPrefixes.map((p) => `[${p}]`));
    if (!page.isTruncated) return { seen, pages };
    after = page.resumeAfter;
  }
}

describe('paginateKeys', () => {
  it('lists every key under the prefix in order', () => {
    expect(paginateKeys(keys, { prefix: 'b/', maxKeys: 1000 })).toEqual({
      keys: ['b/1', 'b/x/1'],
      commonPrefixes: [],
      isTruncated: false,
    });
  });

  it('rolls keys up at the delimiter, after the prefix', () => {
    const page = paginateKeys(keys, { prefix: '', delimiter: '/', maxKeys: 1000 });
    expect(page).toMatchObject({ keys: ['c'], commonPrefixes: ['a/', 'b/', 'd/'] });
    expect(paginateKeys(keys, { prefix: 'b/', delimiter: '/', maxKeys: 1000 })).toMatchObject({
      keys: ['b/1'],
      commonPrefixes: ['b/x/'],
    });
  });

  it('pages by max-keys without losing or repeating keys or common prefixes', () => {
    expect(walk({ maxKeys: 2 })).toEqual({ seen: keys, pages: 3 });
    expect(walk({ maxKeys: 1, delimiter: '/' })).toEqual({ seen: ['[a/]', '[b/]', 'c', '[d/]'], pages: 4 });
  });

  it('starts after start-after, and a continuation position wins when it is further', () => {
    expect(paginateKeys(keys, { prefix: '', startAfter: 'b/1', maxKeys: 1000 }).keys).toEqual(['b/x/1', 'c', 'd/1']);
    expect(paginateKeys(keys, { prefix: '', startAfter: 'a', after: 'b/x/1', maxKeys: 1000 }).keys).toEqual(['c', 'd/1']);
  });

  it('answers an empty, untruncated page for max-keys 0 on an empty match', () => {
    expect(paginateKeys(keys, { prefix: 'z', maxKeys: 0 })).toEqual({ keys: [], commonPrefixes: [], isTruncated: false });
  });
});

describe('continuation tokens', () => {
  it('round-trip any key, and refuse what they could not have produced', () => {
    expect(decodeContinuationToken(encodeContinuationToken('order_changes/dt=2026-01-01/ü x'))).toBe('order_changes/dt=2026-01-01/ü x');
    expect(decodeContinuationToken('!!')).toBeUndefined();
    expect(decodeContinuationToken('')).toBeUndefined();
  });
});

describe('compareKeys', () => {
  it('orders by UTF-8 bytes as S3 does', () => {
    expect(['b', 'a', 'B', '\u{1F600}', '\uFFFD'].sort(compareKeys)).toEqual(['B', 'a', 'b', '\uFFFD', '\u{1F600}']);
  });
});

describe('parseRange', () => {
  it.each([
    ['bytes=0-4', { start: 0, end: 4 }],
    ['bytes=6-', { start: 6, end: 10 }],
    ['bytes=-5', { start: 6, end: 10 }],
    ['bytes=8-100', { start: 8, end: 10 }],
    ['bytes=-100', { start: 0, end: 10 }],
  ])('%s of 11 bytes', (header, range) => {
    expect(parseRange(header, 11)).toEqual(range);
  });

  it('ignores what it cannot parse, and refuses a start past the end', () => {
    expect(parseRange(undefined, 11)).toBeUndefined();
    expect(parseRange('bytes=0-1,3-4', 11)).toBeUndefined();
    expect(parseRange('items=0-1', 11)).toBeUndefined();
    expect(() => parseRange('bytes=11-', 11)).toThrow(/not satisfiable/);
  });
});

describe('parseS3Url and operationFor', () => {
  it('splits path-style URLs and keeps dot segments inside keys', () => {
    expect(parseS3Url('/b/a%20b/..%2Fc?list-type=2', 'GET', {})).toMatchObject({ bucket: 'b', key: 'a b/../c' });
    expect(parseS3Url('/b/../x', 'GET', {})).toMatchObject({ bucket: 'b', key: '../x' });
    expect(parseS3Url('/', 'GET', {})).toMatchObject({ bucket: undefined, key: undefined });
  });

  it('routes by method, depth and sub-resource, and refuses writes', () => {
    const op = (method: string, url: string) => operationFor(parseS3Url(url, method, {})).name;
    expect(op('GET', '/')).toBe('listBuckets');
    expect(op('HEAD', '/b')).toBe('headBucket');
    expect(op('GET', '/b?list-type=2&prefix=x')).toBe('listObjectsV2');
    expect(op('GET', '/b?location')).toBe('getBucketLocation');
    expect(op('GET', '/b/k')).toBe('getObject');
    expect(op('HEAD', '/b/k')).toBe('headObject');
    expect(() => op('PUT', '/b/k')).toThrow(/does not implement PUT/);
    expect(() => op('GET', '/b')).toThrow(/ListObjectsV2/);
  });
});
