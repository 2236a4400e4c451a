import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeLogBucket } from '@/lib/resources';
import { firehoseObjectName, objectPath, putObject, renderPrefix } from '@/local/s3-files';

const at = new Date('2026-03-10T07:04:05.678Z');

describe('firehoseObjectName', () => {
  it("follows Firehose's <stream>-<version>-YYYY-MM-DD-HH-MM-SS-<random> pattern in UTC", () => {
    expect(firehoseObjectName('order-changes-to-s3', at, 'abc')).toBe(
      'order-changes-to-s3-1-2026-03-10-07-04-05-abc',
    );
    expect(firehoseObjectName('s', at)).toMatch(/^s-1-2026-03-10-07-04-05-[0-9a-f-]{36}$/);
  });
});

describe('renderPrefix', () => {
  it('puts data under the dt partition the transform returned, with no timestamp appended', () => {
    expect(
      renderPrefix(changeLogBucket.dataPrefix, { timestamp: at, partitionKeys: { dt: '2026-03-09' } }),
    ).toBe('order_changes_v2/dt=2026-03-09/');
  });

  it('puts errors under their output type and hour', () => {
    expect(
      renderPrefix(changeLogBucket.errorPrefix, { timestamp: at, errorOutputType: 'processing-failed' }),
    ).toBe('errors/processing-failed/2026/03/10/07/');
  });

  it("appends Firehose's default yyyy/MM/dd/HH/ when the prefix has no expression that would place the object", () => {
    expect(renderPrefix('raw/', { timestamp: at })).toBe('raw/2026/03/10/07/');
  });

  it('refuses a prefix it cannot evaluate', () => {
    expect(() =>
      renderPrefix('x/!{partitionKeyFromLambda:region}/', { timestamp: at, partitionKeys: { dt: 'x' } }),
    ).toThrow(/region/);
    expect(() => renderPrefix('x/!{firehose:error-output-type}/', { timestamp: at })).toThrow(
      /cannot evaluate/,
    );
    expect(() => renderPrefix('x/!{nonsense:y}/', { timestamp: at })).toThrow(/cannot evaluate/);
  });
});

describe('local S3 objects', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 's3-files-test-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('lives at <dataDir>/s3/<bucket>/<key>', () => {
    expect(objectPath('/data', 'bucket', 'a/b/c')).toBe(path.join('/data', 's3', 'bucket', 'a', 'b', 'c'));
  });

  it.each(['../escape', 'a/../../b', 'a//b', '/abs', 'a\\b'])('rejects the key %j', (key) => {
    expect(() => objectPath('/data', 'bucket', key)).toThrow(/invalid local S3 location/);
  });

  it('writes an object with its parent directories and leaves nothing half-written in the bucket', async () => {
    const file = await putObject(dataDir, 'bucket', 'order_changes/dt=2026-03-10/obj-1', 'line\n');
    expect(await readFile(file, 'utf8')).toBe('line\n');
    expect(await readdir(path.dirname(file))).toEqual(['obj-1']);
  });
});
