import type { S3Operation } from '../context';

/** HeadBucket: 200 when the bucket exists, 404 (no body) when not. */
export const headBucket: S3Operation = async (store, request) => {
  await store.assertBucket(request.bucket!);
  return { status: 200, headers: { 'x-amz-bucket-region': 'us-east-1' } };
};
