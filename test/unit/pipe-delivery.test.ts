import type { PutRecordsCommand, PutRecordsCommandOutput } from '@aws-sdk/client-kinesis';
import { describe, expect, it } from 'vitest';
import {
  DeliveryAborted,
  PUT_RECORDS_LIMITS,
  putRecordsInOrder,
  selectPutCall,
  type PipeEntry,
  type PutRecordsSender,
} from '@/local/pipe-delivery';

const entry = (partitionKey: string, sequenceNumber: string, bytes = 10): PipeEntry => ({
  partitionKey,
  sequenceNumber,
  data: Buffer.from(`${partitionKey}:${sequenceNumber}`.padEnd(bytes, '.')),
});

type Sent = { partitionKey: string; data: string };

/**
 * A fake Kinesis: `decide` answers each record of each call with undefined (accepted) or an error
 * code; a thrown error fails the whole call. `landed` is what reached the stream, in order.
 */
function fakeKinesis(decide: (record: Sent, call: number) => string | undefined | 'THROW') {
  const calls: Sent[][] = [];
  const landed: Sent[] = [];
  const client: PutRecordsSender = {
    async send(command: PutRecordsCommand): Promise<PutRecordsCommandOutput> {
      const records = (command.input.Records ?? []).map((r) => ({
        partitionKey: r.PartitionKey!,
        data: Buffer.from(r.Data!).toString(),
      }));
      const call = calls.push(records);
      const answers = records.map((r) => decide(r, call));
      if (answers.includes('THROW'))
        throw Object.assign(new Error('socket hang up'), { name: 'TimeoutError' });
      let failed = 0;
      const out = records.map((r, i) => {
        const code = answers[i];
        if (code) {
          failed++;
          return { ErrorCode: code, ErrorMessage: `Rate exceeded for shard of ${r.partitionKey}` };
        }
        landed.push(r);
        return { SequenceNumber: String(landed.length), ShardId: 'shardId-000000000000' };
      });
      return { FailedRecordCount: failed, Records: out, $metadata: {} };
    },
  };
  return { client, calls, landed };
}

const delays: number[] = [];
const options = {
  streamName: 's',
  maximumRetryAttempts: 5,
  sleep: async (ms: number) => void delays.push(ms),
};

describe('selectPutCall', () => {
  it('takes only the earliest pending record of each partition key', () => {
    const pending = ['a', 'b', 'a', 'c', 'b', 'd'].map((k, i) => ({ entry: entry(k, String(i)) }));
    expect(selectPutCall(pending)).toEqual([0, 1, 3, 5]);
  });

  it('respects the 500-record and 5 MiB limits of PutRecords', () => {
    const many = Array.from({ length: 600 }, (_, i) => ({ entry: entry(`k${i}`, String(i)) }));
    expect(selectPutCall(many)).toHaveLength(PUT_RECORDS_LIMITS.records);
    const big = Array.from({ length: 8 }, (_, i) => ({ entry: entry(`k${i}`, String(i), 900 * 1024) }));
    expect(selectPutCall(big)).toHaveLength(5);
  });
});

describe('putRecordsInOrder', () => {
  it('retries the records a PutRecords call partially failed, and delivers every record once', async () => {
    let failedOnce = false;
    const kinesis = fakeKinesis((r) => {
      if (r.partitionKey === 'b' && !failedOnce) {
        failedOnce = true;
        return 'ProvisionedThroughputExceededException';
      }
      return undefined;
    });
    const entries = ['a', 'b', 'c'].map((k, i) => entry(k, String(i)));
    const result = await putRecordsInOrder(kinesis.client, entries, options);
    expect(result).toMatchObject({ delivered: 3, deadLetters: [], putCalls: 2, retries: 1 });
    expect(kinesis.calls[1]!.map((r) => r.partitionKey)).toEqual(['b']);
    expect(kinesis.landed.map((r) => r.partitionKey).sort()).toEqual(['a', 'b', 'c']);
  });

  it('never lets a later change of a key overtake an earlier one that is being retried', async () => {
    let failures = 0;
    const kinesis = fakeKinesis((r) =>
      r.data.startsWith('a:1') && failures++ < 3 ? 'InternalFailure' : undefined,
    );
    const entries = [entry('a', '1'), entry('b', '2'), entry('a', '3'), entry('a', '4'), entry('b', '5')];
    const result = await putRecordsInOrder(kinesis.client, entries, options);
    expect(result.delivered).toBe(5);
    const order = (key: string) =>
      kinesis.landed
        .filter((r) => r.partitionKey === key)
        .map((r) => r.data.split(':')[1]!.replace(/\.+$/, ''));
    expect(order('a')).toEqual(['1', '3', '4']);
    expect(order('b')).toEqual(['2', '5']);
  });

  it('retries a failed call with growing backoff', async () => {
    delays.length = 0;
    const kinesis = fakeKinesis((_r, call) => (call <= 3 ? 'THROW' : undefined));
    const result = await putRecordsInOrder(kinesis.client, [entry('a', '1'), entry('b', '2')], {
      ...options,
      baseDelayMs: 100,
    });
    expect(result).toMatchObject({ delivered: 2, putCalls: 4 });
    expect(delays).toHaveLength(3);
    // Equal jitter: attempt n waits between 2^(n-2) and 2^(n-1) times the base.
    delays.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(50 * 2 ** i);
      expect(ms).toBeLessThanOrEqual(100 * 2 ** i);
    });
  });

  it('gives up on a record after maximumRetryAttempts retries and returns it as a dead letter with the reason', async () => {
    const kinesis = fakeKinesis((r) => (r.partitionKey === 'poison' ? 'InternalFailure' : undefined));
    const entries = [entry('ok', '1'), entry('poison', '2'), entry('poison', '3'), entry('ok', '4')];
    const result = await putRecordsInOrder(kinesis.client, entries, { ...options, maximumRetryAttempts: 2 });
    expect(result.delivered).toBe(2);
    expect(result.deadLetters.map((d) => [d.entry.sequenceNumber, d.attempts, d.reason])).toEqual([
      ['2', 3, expect.stringMatching(/^InternalFailure: /)],
      ['3', 3, expect.stringMatching(/^InternalFailure: /)],
    ]);
    expect(kinesis.landed.map((r) => r.partitionKey)).toEqual(['ok', 'ok']);
  });

  it('dead-letters a record Kinesis can never take without sending it', async () => {
    const kinesis = fakeKinesis(() => undefined);
    const tooBig = entry('big', '1', PUT_RECORDS_LIMITS.recordBytes + 1);
    const noKey = entry('', '2');
    const result = await putRecordsInOrder(kinesis.client, [tooBig, noKey, entry('a', '3')], options);
    expect(result.delivered).toBe(1);
    expect(result.deadLetters.map((d) => [d.entry.sequenceNumber, d.attempts])).toEqual([
      ['1', 0],
      ['2', 0],
    ]);
    expect(result.deadLetters[0]!.reason).toMatch(/at most 1 MiB/);
    expect(result.deadLetters[1]!.reason).toMatch(/partition key/);
  });

  it('stops between attempts when aborted, dead-lettering nothing', async () => {
    const controller = new AbortController();
    const kinesis = fakeKinesis(() => {
      controller.abort();
      return 'InternalFailure';
    });
    await expect(
      putRecordsInOrder(kinesis.client, [entry('a', '1')], { ...options, signal: controller.signal }),
    ).rejects.toBeInstanceOf(DeliveryAborted);
  });
});
