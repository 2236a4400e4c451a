import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queueOf, type SqsContext } from '@/local/sqs/context';
import { DirectoryQueue } from '@/local/sqs/queue';

let dir: string;
let queue: DirectoryQueue;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'sqs-queue-'));
  queue = new DirectoryQueue('q', dir);
  await writeFile(path.join(dir, '2026-01-01T00-00-01-a.json'), '{"n":1}');
  await writeFile(path.join(dir, '2026-01-01T00-00-02-b.json'), '{"n":2}');
  // A half-written file of the atomic writer is not a message.
  await writeFile(path.join(dir, '.2026-01-01T00-00-03-c.json.tmp'), '{');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('DirectoryQueue', () => {
  it('serves one message per JSON file, oldest first, with the MD5 of its body', async () => {
    const received = await queue.receive(10, 0, 1_000);
    expect(received.map((m) => m.body)).toEqual(['{"n":1}', '{"n":2}']);
    expect(received[0]!.md5OfBody).toBe(createHash('md5').update('{"n":1}').digest('hex'));
    expect(received[0]!.messageId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(await queue.counts(1_000)).toEqual({ visible: 2, notVisible: 0 });
  });

  it('hides received messages for the visibility timeout and counts receives', async () => {
    const [first] = await queue.receive(1, 30, 1_000);
    expect(await queue.counts(1_000)).toEqual({ visible: 1, notVisible: 1 });
    expect((await queue.receive(10, 30, 2_000)).map((m) => m.body)).toEqual(['{"n":2}']);
    const again = await queue.receive(10, 0, 40_000);
    expect(again.map((m) => [m.body, m.receiveCount])).toEqual([
      ['{"n":1}', 2],
      ['{"n":2}', 2],
    ]);
    expect(first!.receiveCount).toBe(1);
  });

  it('changes visibility only with the latest receipt handle', async () => {
    const [first] = await queue.receive(1, 30, 1_000);
    expect(queue.changeVisibility(first!.receipt, 0, 1_000)).toBe(true);
    expect(await queue.counts(1_000)).toEqual({ visible: 2, notVisible: 0 });
    await queue.receive(1, 30, 2_000);
    expect(queue.changeVisibility(first!.receipt, 0, 2_000)).toBe(false);
  });

  it('deletes by receipt handle, and refuses handles that name no message file', async () => {
    const [first] = await queue.receive(1, 0, 1_000);
    expect(await queue.delete(first!.receipt)).toBe(true);
    expect((await readdir(dir)).filter((f) => !f.startsWith('.'))).toEqual(['2026-01-01T00-00-02-b.json']);
    expect(await queue.delete(first!.receipt)).toBe(true);
    expect(await queue.delete('garbage!')).toBe(false);
    expect(await queue.delete(Buffer.from('../../etc/passwd\n1\n1').toString('base64url'))).toBe(false);
  });

  it('is an empty queue while the directory does not exist', async () => {
    const missing = new DirectoryQueue('q', path.join(dir, 'missing'));
    expect(await missing.counts()).toEqual({ visible: 0, notVisible: 0 });
    expect(await missing.receive(10, 0)).toEqual([]);
  });
});

describe('queueOf', () => {
  const context = {
    queues: new Map([['q', new DirectoryQueue('q', '/nowhere')]]),
    region: 'us-east-1',
    baseUrl: 'http://127.0.0.1:4566',
    signal: new AbortController().signal,
  } satisfies SqsContext;

  it('finds a queue by its URL on any host', () => {
    expect(queueOf(context, { QueueUrl: 'http://localhost:1/000000000000/q' }).name).toBe('q');
  });

  it.each([
    [{}, 'MissingParameter'],
    [{ QueueUrl: 5 }, 'InvalidParameterValue'],
    [{ QueueUrl: 'not a url' }, 'InvalidParameterValue'],
    [{ QueueUrl: 'http://h/123456789012/q' }, 'QueueDoesNotExist'],
    [{ QueueUrl: 'http://h/000000000000/other' }, 'QueueDoesNotExist'],
  ])('refuses %j with %s', (input, type) => {
    expect(() => queueOf(context, input)).toThrow(expect.objectContaining({ type }));
  });
});
