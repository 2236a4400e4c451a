import { xmlResponse, type S3Operation } from '../context';
import { isoTime, renderXml } from '../xml';

/** ListBuckets: one bucket per directory under the S3 root. */
export const listBuckets: S3Operation = async (store) => {
  const buckets = await store.listBuckets();
  return xmlResponse(
    renderXml('ListAllMyBucketsResult', {
      Owner: { ID: 'local', DisplayName: 'local' },
      Buckets: { Bucket: buckets.map((b) => ({ Name: b.name, CreationDate: isoTime(b.created) })) },
    }),
  );
};
