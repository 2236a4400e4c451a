import type { S3Operation, S3Request } from '../context';
import { methodNotAllowed, notImplemented } from '../errors';
import { getBucketLocation } from './get-bucket-location';
import { getObject } from './get-object';
import { headBucket } from './head-bucket';
import { headObject } from './head-object';
import { listBuckets } from './list-buckets';
import { listObjectsV2 } from './list-objects-v2';

/** Picks the operation a REST request names by method, path depth and sub-resource. */
export function operationFor(request: S3Request): S3Operation {
  const { method, bucket, key, query } = request;
  const read = method === 'GET' || method === 'HEAD';
  if (!bucket) {
    if (method === 'GET') return listBuckets;
    throw methodNotAllowed(method);
  }
  if (!read) throw notImplemented(`${method} requests`);
  if (key === undefined) {
    if (method === 'HEAD') return headBucket;
    if (query.has('location')) return getBucketLocation;
    if (query.get('list-type') === '2') return listObjectsV2;
    const subresource = [...query.keys()][0];
    throw notImplemented(subresource ? `the ?${subresource} sub-resource` : 'ListObjects (v1); use ListObjectsV2');
  }
  return method === 'HEAD' ? headObject : getObject;
}
