import { xmlResponse, type S3Operation } from '../context';
import { invalidArgument } from '../errors';
import { decodeContinuationToken, encodeContinuationToken, paginateKeys } from '../listing';
import { isoTime, renderXml } from '../xml';

const MAX_KEYS = 1000;

function readMaxKeys(raw: string | null): number {
  if (raw === null) return MAX_KEYS;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value))
    throw invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', raw);
  return Math.min(value, MAX_KEYS);
}

/**
 * ListObjectsV2 (GET /<bucket>?list-type=2): prefix, delimiter, start-after, continuation-token,
 * max-keys (capped at 1000), fetch-owner and encoding-type=url.
 */
export const listObjectsV2: S3Operation = async (store, request) => {
  const { query } = request;
  const bucket = request.bucket!;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') || undefined;
  const startAfter = query.get('start-after') || undefined;
  const token = query.get('continuation-token') ?? undefined;
  const maxKeys = readMaxKeys(query.get('max-keys'));
  const encodingType = query.get('encoding-type') ?? undefined;
  if (encodingType !== undefined && encodingType !== 'url')
    throw invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  let after: string | undefined;
  if (token !== undefined) {
    after = decodeContinuationToken(token);
    if (after === undefined)
      throw invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
  }
  const keys = await store.listKeys(bucket, prefix);
  const page = paginateKeys(keys, { prefix, delimiter, startAfter, after, maxKeys });
  const objects = await Promise.all(page.keys.map((key) => store.describe(bucket, key).catch(() => undefined)));
  const encode = (text: string | undefined) =>
    text === undefined || encodingType !== 'url' ? text : encodeURIComponent(text).replace(/%2F/g, '/');
  const owner = query.has('fetch-owner') && query.get('fetch-owner') !== 'false';
  return xmlResponse(
    renderXml('ListBucketResult', {
      Name: bucket,
      Prefix: encode(prefix),
      Delimiter: encode(delimiter),
      MaxKeys: maxKeys,
      EncodingType: encodingType,
      KeyCount: page.keys.length + page.commonPrefixes.length,
      IsTruncated: page.isTruncated,
      ContinuationToken: token,
      NextContinuationToken: page.isTruncated && page.resumeAfter ? encodeContinuationToken(page.resumeAfter) : undefined,
      StartAfter: encode(startAfter),
      // An object deleted between listing and stat simply drops out, as in an eventually consistent list.
      Contents: objects
        .filter((o) => o !== undefined)
        .map((o) => ({
          Key: encode(o.key),
          LastModified: isoTime(o.lastModified),
          ETag: o.etag,
          Size: o.size,
          Owner: owner ? { ID: 'local', DisplayName: 'local' } : undefined,
          StorageClass: 'STANDARD',
        })),
      CommonPrefixes: page.commonPrefixes.map((p) => ({ Prefix: encode(p) })),
    }),
  );
};
