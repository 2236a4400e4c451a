import {
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { athenaResultsBucket, changeLogBucket } from '@/lib/resources';
import { putObject } from '@/local/s3-files';
import { startFilesEndpoint, type FilesEndpoint } from '../support/files-endpoint';

const bucket = changeLogBucket.name;
let dataDir: string;
let endpoint: FilesEndpoint;
let s3: S3Client;

const objects: Record<string, string> = {
  'order_changes/dt=2026-11-24/order-changes-to-s3-1-2026-11-24-10-00-00-a': '{"n":1}\n{"n":2}\n',
  'order_changes/dt=2026-11-25/order-changes-to-s3-1-2026-11-25-09-00-00-b': '{"n":3}\n',
  'order_changes/dt=2026-11-25/order-changes-to-s3-1-2026-11-25-10-00-00-c': '{"n":4}\n',
  'errors/processing-failed/2026/11/25/10/order-changes-to-s3-1-2026-11-25-10-00-00-d': '{"errorCode":"x"}\n',
  'notes/with space & ünïcode.txt': 'hello world',
};

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 's3-api-'));
  for (const [key, body] of Object.entries(objects)) await putObject(dataDir, bucket, key, body);
  endpoint = await startFilesEndpoint(dataDir);
  s3 = endpoint.s3;
});

afterAll(async () => {
  await endpoint?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function listAll(input: { Prefix?: string; Delimiter?: string; MaxKeys?: number; StartAfter?: string }) {
  const keys: string[] = [];
  const prefixes: string[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ...input, ContinuationToken: token }));
    pages++;
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    prefixes.push(...(page.CommonPrefixes ?? []).map((p) => p.Prefix!));
    expect(page.KeyCount).toBe((page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return { keys, prefixes, pages };
}

describe('ListObjectsV2', () => {
  it('lists every key in order with size, ETag and LastModified', async () => {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(page.Contents?.map((o) => o.Key)).toEqual(Object.keys(objects).sort());
    const first = page.Contents![0]!;
    const body = objects[first.Key!]!;
    expect(first.Size).toBe(Buffer.byteLength(body));
    expect(first.ETag).toBe(`"${createHash('md5').update(body).digest('hex')}"`);
    expect(first.LastModified).toBeInstanceOf(Date);
    expect(page.IsTruncated).toBe(false);
  });

  it('filters by prefix and rolls keys up into common prefixes at the delimiter', async () => {
    const top = await listAll({ Delimiter: '/' });
    expect(top).toMatchObject({ keys: [], prefixes: ['errors/', 'notes/', 'order_changes/'] });
    const partitions = await listAll({ Prefix: 'order_changes/', Delimiter: '/' });
    expect(partitions.prefixes).toEqual(['order_changes/dt=2026-11-24/', 'order_changes/dt=2026-11-25/']);
    const day = await listAll({ Prefix: 'order_changes/dt=2026-11-25/' });
    expect(day.keys).toHaveLength(2);
  });

  it('pages with max-keys and continuation tokens, counting a common prefix as one key', async () => {
    const paged = await listAll({ MaxKeys: 2 });
    expect(paged).toMatchObject({ keys: Object.keys(objects).sort(), pages: 3 });
    const rolled = await listAll({ Delimiter: '/', MaxKeys: 1 });
    expect(rolled).toMatchObject({ prefixes: ['errors/', 'notes/', 'order_changes/'], pages: 3 });
  });

  it('starts after a given key', async () => {
    const after = await listAll({ Prefix: 'order_changes/', StartAfter: 'order_changes/dt=2026-11-25/order-changes-to-s3-1-2026-11-25-09' });
    expect(after.keys).toEqual([
      'order_changes/dt=2026-11-25/order-changes-to-s3-1-2026-11-25-09-00-00-b',
      'order_changes/dt=2026-11-25/order-changes-to-s3-1-2026-11-25-10-00-00-c',
    ]);
  });

  it('answers NoSuchBucket for a bucket that does not exist', async () => {
    await expect(s3.send(new ListObjectsV2Command({ Bucket: 'no-such-bucket' }))).rejects.toBeInstanceOf(NoSuchBucket);
  });

  it('rejects a forged continuation token with InvalidArgument', async () => {
    const error = await s3
      .send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: '!!!' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).name).toBe('InvalidArgument');
  });
});

describe('GetObject and HeadObject', () => {
  const key = 'notes/with space & ünïcode.txt';

  it('returns the body with its headers, for keys that need URL encoding', async () => {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(await answer.Body!.transformToString()).toBe('hello world');
    expect(answer.ContentLength).toBe(11);
    expect(answer.ETag).toBe(`"${createHash('md5').update('hello world').digest('hex')}"`);
    expect(answer.LastModified).toBeInstanceOf(Date);
  });

  it('serves a byte range', async () => {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=6-10' }));
    expect(await answer.Body!.transformToString()).toBe('world');
    expect(answer.ContentRange).toBe('bytes 6-10/11');
    const tail = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=-5' }));
    expect(await tail.Body!.transformToString()).toBe('world');
  });

  it('refuses a range past the end with InvalidRange', async () => {
    const error = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=100-' })).catch((e: unknown) => e);
    expect((error as S3ServiceException).name).toBe('InvalidRange');
    expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(416);
  });

  it('heads an object without its body', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head).toMatchObject({ ContentLength: 11, AcceptRanges: 'bytes' });
  });

  it('answers NoSuchKey / NotFound for a missing key, and NoSuchBucket for a missing bucket', async () => {
    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'nope' }))).rejects.toBeInstanceOf(NoSuchKey);
    await expect(s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'nope' }))).rejects.toBeInstanceOf(NotFound);
    await expect(s3.send(new GetObjectCommand({ Bucket: 'missing-bucket', Key: 'x' }))).rejects.toBeInstanceOf(NoSuchBucket);
    await expect(s3.send(new GetObjectCommand({ Bucket: bucket, Key: '../../etc/passwd' }))).rejects.toBeInstanceOf(NoSuchKey);
  });
});

describe('buckets and writes', () => {
  it('lists and heads buckets', async () => {
    const { Buckets } = await s3.send(new ListBucketsCommand({}));
    expect(Buckets?.map((b) => b.Name)).toEqual([bucket]);
    await expect(s3.send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
    await expect(s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' }))).rejects.toBeInstanceOf(NotFound);
  });

  it('refuses writes: the change log is written by the pipeline only', async () => {
    const error = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: 'x', Body: 'y' })).catch((e: unknown) => e);
    expect((error as S3ServiceException).name).toBe('NotImplemented');
  });
});

describe('the shared local endpoint', () => {
  it('serves S3 beside the other services, with the pipeline buckets created', async () => {
    const env = inject('localAwsEnv');
    const client = new S3Client({
      endpoint: env.AWS_ENDPOINT_URL,
      region: env.AWS_REGION,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      forcePathStyle: true,
    });
    try {
      const { Buckets } = await client.send(new ListBucketsCommand({}));
      expect(Buckets?.map((b) => b.Name)).toEqual([athenaResultsBucket.name, changeLogBucket.name].sort());
    } finally {
      client.destroy();
    }
  });
});
