import { xmlResponse, type S3Operation } from '../context';
import { S3_NAMESPACE } from '../xml';

/** GetBucketLocation: us-east-1 answers with an empty LocationConstraint, as on S3. */
export const getBucketLocation: S3Operation = async (store, request) => {
  await store.assertBucket(request.bucket!);
  return xmlResponse(`<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="${S3_NAMESPACE}"/>`);
};
