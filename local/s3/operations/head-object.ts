import type { S3Operation } from '../context';
import { objectHeaders } from './object-headers';

/** HeadObject: the object's headers without its body; 404 with no body when missing. */
export const headObject: S3Operation = async (store, request) => {
  const object = await store.describe(request.bucket!, request.key!);
  return { status: 200, headers: { ...objectHeaders(object), 'content-length': object.size } };
};
