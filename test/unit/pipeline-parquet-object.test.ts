import type { S3Client } from '@aws-sdk/client-s3';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isParquetKey, summariseParquetObject } from '@/lib/pipeline/parquet-object';
import { createParquetEncoder } from '@/local/parquet-writer';
import { changeRow } from '../support/athena';

const encoder = createParquetEncoder(path.join(os.tmpdir(), `parquet-object-test-${process.pid}`));
afterAll(() => encoder.close());

/** An S3 client stub answering ranged GetObjects from bytes, recording the ranges asked for. */
function rangedClient(bytes: Uint8Array) {
  const ranges: string[] = [];
  const client = {
    send: async (command: { input: { Range?: string } }) => {
      const range = command.input.Range ?? '';
      ranges.push(range);
      const [, start, end] = /^bytes=(\d+)-(\d+)$/.exec(range) ?? [];
      const slice = bytes.slice(Number(start), Number(end) + 1);
      return { Body: { transformToByteArray: async () => slice } };
    },
  };
  return { client: client as unknown as S3Client, ranges };
}

describe('a Parquet change-log object', () => {
  it('is recognised by its .parquet name', () => {
    expect(isParquetKey('order_changes/dt=2026-11-26/order-changes-to-s3-1-2026-11-26-10-00-00-a.parquet')).toBe(true);
    expect(isParquetKey('order_changes/dt=2026-11-26/order-changes-to-s3-1-2026-11-26-10-00-00-a')).toBe(false);
  });

  it('gives its row count and newest change_time from the footer statistics', async () => {
    const times = ['2026-11-26T10:00:00.000Z', '2026-11-26T10:05:00.000Z', '2026-11-26T09:59:00.000Z'];
    const bytes = await encoder.encode(
      times.map((change_time, i) => JSON.stringify(changeRow({ order_id: `o-${i}`, change_time }))),
    );
    const { client, ranges } = rangedClient(bytes);
    expect(await summariseParquetObject(client, 'bucket', 'key.parquet', bytes.byteLength)).toEqual({
      rows: 3,
      newestChangeTime: '2026-11-26T10:05:00.000Z',
    });
    // The footer read (hyparquet asks for the last 512 KiB at most) answered both: statistics.
    expect(ranges).toEqual([`bytes=0-${bytes.byteLength - 1}`]);
  });
});
