import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CheckpointStore, writeFileAtomic } from '@/local/checkpoint';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'checkpoint-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates parent directories, replaces the content and leaves no temp file behind', async () => {
    const file = path.join(dir, 'a', 'b', 'state.json');
    await writeFileAtomic(file, 'first');
    await writeFileAtomic(file, 'second');
    expect(await readFile(file, 'utf8')).toBe('second');
    expect(await readdir(path.dirname(file))).toEqual(['state.json']);
  });

  it('removes its temp file when the rename fails', async () => {
    // A non-empty directory where the file should go makes the rename fail after the write.
    const target = path.join(dir, 'occupied');
    await mkdir(path.join(target, 'child'), { recursive: true });
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['occupied']);
  });
});

describe('CheckpointStore', () => {
  it('persists positions and reads them back after a restart', async () => {
    const file = path.join(dir, 'pipe', 'checkpoint.json');
    const store = await CheckpointStore.open(file);
    await store.set('stream#shard-1', { sequenceNumber: '100' });
    await store.set('stream#shard-2', { sequenceNumber: '7', finished: true });
    await store.set('stream#shard-1', { sequenceNumber: '105' });

    const reopened = await CheckpointStore.open(file);
    expect(reopened.get('stream#shard-1')).toEqual({ sequenceNumber: '105', finished: undefined });
    expect(reopened.get('stream#shard-2')).toEqual({ sequenceNumber: '7', finished: true });
    expect(reopened.get('stream#unknown')).toBeUndefined();
  });

  it('coalesces concurrent saves and ends with the latest state on disk', async () => {
    const file = path.join(dir, 'checkpoint.json');
    const store = await CheckpointStore.open(file);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => store.set(`shard-${i % 5}`, { sequenceNumber: String(i) })),
    );
    const onDisk = JSON.parse(await readFile(file, 'utf8'));
    expect(
      Object.fromEntries(
        Object.entries(onDisk.shards).map(([k, v]) => [k, (v as { sequenceNumber: string }).sequenceNumber]),
      ),
    ).toEqual({
      'shard-0': '45',
      'shard-1': '46',
      'shard-2': '47',
      'shard-3': '48',
      'shard-4': '49',
    });
  });

  it('forgets deleted shards', async () => {
    const file = path.join(dir, 'checkpoint.json');
    const store = await CheckpointStore.open(file);
    await store.set('a', { finished: true });
    await store.delete('a');
    expect((await CheckpointStore.open(file)).keys()).toEqual([]);
  });

  it('keeps positions in memory when it has no file', async () => {
    const store = await CheckpointStore.open(undefined);
    await store.set('a', { sequenceNumber: '1' });
    expect(store.get('a')?.sequenceNumber).toBe('1');
  });

  it('refuses a checkpoint file it cannot read rather than starting over', async () => {
    const file = path.join(dir, 'checkpoint.json');
    await writeFile(file, '{"something":"else"}');
    await expect(CheckpointStore.open(file)).rejects.toThrow(/unreadable checkpoint/);
  });
});
