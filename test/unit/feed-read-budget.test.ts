import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FeedEvent } from '@/lib/feed/decode';
import { CallGate } from '@/lib/feed/gate';
import { FeedHub } from '@/lib/feed/hub';
import { SharedReadBudget, type SharedReadBudgetOptions } from '@/lib/feed/read-budget';
import { FakeKinesis } from '../support/fake-kinesis';

const S0 = 'shardId-000000000000';
const S1 = 'shardId-000000000001';
/** A second boundary plus 300 ms, so tests know where the next boundary is. */
const T0 = 1_750_000_000_300;

const awsError = (name: string, extra: object = {}) => Object.assign(new Error(name), { name, ...extra });

/**
 * The budget table's UpdateItem semantics in memory: ADD n, ADD to the hubs set, the
 * `attribute_not_exists(n) OR n < :budget` condition, UPDATED_NEW and ALL_OLD on failure.
 */
class FakeBudgetTable {
  readonly items = new Map<string, { n: number; hubs: Set<string>; expiresAt: number }>();
  readonly inputs: UpdateCommand['input'][] = [];
  /** Errors the next calls throw, in order. */
  failures: Error[] = [];
  /** How long each answer takes (fake time). */
  delayMs = 0;

  async send(command: unknown) {
    const input = (command as UpdateCommand).input;
    this.inputs.push(input);
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const failure = this.failures.shift();
    if (failure) throw failure;
    const values = input.ExpressionAttributeValues!;
    const key = String(input.Key!.pk);
    const item = this.items.get(key);
    if (item && item.n >= (values[':budget'] as number)) {
      throw awsError('ConditionalCheckFailedException', {
        Item: { pk: { S: key }, n: { N: String(item.n) }, hubs: { SS: [...item.hubs] } },
      });
    }
    const next = {
      n: (item?.n ?? 0) + (values[':one'] as number),
      hubs: new Set([...(item?.hubs ?? []), ...(values[':me'] as Set<string>)]),
      expiresAt: values[':expires'] as number,
    };
    this.items.set(key, next);
    return { Attributes: { ...next, hubs: new Set(next.hubs) } };
  }

  /** Tokens granted per `stream#shard#second` key. */
  granted(shardId: string, second: number): number {
    return this.items.get(`orders#${shardId}#${second}`)?.n ?? 0;
  }
}

let table: FakeBudgetTable;
const budget = (options: Partial<SharedReadBudgetOptions> = {}) =>
  new SharedReadBudget({
    client: table,
    tableName: 'feed-read-budget',
    streamName: 'orders',
    budget: 4,
    jitterMs: () => 10,
    ...options,
  });

/** Calls `acquire` back to back, as a poller does, recording when each was granted. */
function pollContinuously(gate: CallGate, shardId: string, signal: AbortSignal) {
  const at: number[] = [];
  void (async () => {
    while (await gate.acquire(shardId, signal)) at.push(Date.now());
  })();
  return at;
}

const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);
const second = (t: number) => Math.floor(t / 1000);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(T0);
  table = new FakeBudgetTable();
});

afterEach(() => vi.useRealTimers());

describe('SharedReadBudget', () => {
  it('takes a token with one conditional UpdateItem on stream#shard#second, adding this hub to the set', async () => {
    const b = budget({ hubId: 'hub-a' });
    expect(await b.take(S0)).toEqual({ ok: true });
    expect(table.inputs).toEqual([
      {
        TableName: 'feed-read-budget',
        Key: { pk: `orders#${S0}#${second(T0)}` },
        UpdateExpression: 'ADD n :one, hubs :me SET expiresAt = :expires',
        ConditionExpression: 'attribute_not_exists(n) OR n < :budget',
        ExpressionAttributeValues: {
          ':one': 1,
          ':me': new Set(['hub-a']),
          ':expires': second(T0) + 60,
          ':budget': 4,
        },
        ReturnValues: 'UPDATED_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    ]);
    expect(b.mode()).toBe('shared');
  });

  it('refuses a spent second and says to retry just after the next boundary', async () => {
    const b = budget();
    for (let i = 0; i < 4; i++) expect(await b.take(S0)).toEqual({ ok: true });
    expect(await b.take(S0)).toEqual({ ok: false, retryAt: (second(T0) + 1) * 1000 + 10 });
    expect(table.granted(S0, second(T0))).toBe(4);
    // Another shard has its own budget.
    expect(await b.take(S1)).toEqual({ ok: true });
  });

  it('spaces its calls by the hubs reading the shard: 1000 × hubs / budget ms', async () => {
    const b = budget({ hubId: 'hub-a' });
    expect(b.spacingMs(S0)).toBe(250);
    await budget({ hubId: 'hub-b' }).take(S0);
    await budget({ hubId: 'hub-c' }).take(S0);
    await b.take(S0);
    expect(b.activeHubs(S0)).toBe(3);
    expect(b.spacingMs(S0)).toBe(750);
    // The count carries into the next second, whose item only this hub has touched so far.
    await tick(1_000);
    await b.take(S0);
    expect(b.spacingMs(S0)).toBe(750);
    // Two quiet seconds later the others are forgotten.
    await tick(2_000);
    await b.take(S0);
    expect(b.spacingMs(S0)).toBe(250);
  });

  it('learns who shares the shard from the spent item when it loses the race', async () => {
    const others = ['hub-b', 'hub-c', 'hub-d', 'hub-e'].map((hubId) => budget({ hubId }));
    for (const other of others) await other.take(S0);
    const late = budget({ hubId: 'hub-a' });
    expect((await late.take(S0)).ok).toBe(false);
    expect(late.activeHubs(S0)).toBe(5);
    expect(late.spacingMs(S0)).toBe(1_250);
  });

  it('gives up a token whose second ended while DynamoDB answered: the call would land in the next', async () => {
    vi.setSystemTime(T0 + 650); // 50 ms before the boundary
    table.delayMs = 80;
    const b = budget();
    const result = b.take(S0);
    await tick(80);
    expect(await result).toEqual({ ok: false, retryAt: T0 + 730 });
  });

  it('on a table error reads at one call per second per shard, logs once, and retries the table later', async () => {
    const log = vi.fn();
    const b = budget({ log, fallbackMs: 5_000 });
    table.failures = [awsError('ProvisionedThroughputExceededException')];
    expect(await b.take(S0)).toEqual({ ok: false, retryAt: T0 });
    expect(b.mode()).toBe('fallback');
    expect(b.spacingMs(S0)).toBe(1_000);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(
      /feed-read-budget failed \(ProvisionedThroughputExceededException\)/,
    );
    // While falling back the table is left alone.
    expect(await b.take(S0)).toEqual({ ok: true });
    expect(table.inputs).toHaveLength(1);
    await tick(5_000);
    table.failures = [awsError('UnknownEndpoint')];
    await b.take(S0);
    expect(log).toHaveBeenCalledTimes(1);
    await tick(5_000);
    expect(await b.take(S0)).toEqual({ ok: true });
    expect(b.mode()).toBe('shared');
  });

  it('does not wait for a table that never answers', async () => {
    vi.useRealTimers(); // AbortSignal.timeout runs on Node's own timers
    const hanging = {
      // send(command, options): only the abort signal matters here.
      send: (...args: unknown[]) =>
        new Promise((_resolve, reject) =>
          (args[1] as { abortSignal?: AbortSignal } | undefined)?.abortSignal?.addEventListener('abort', () =>
            reject(awsError('AbortError')),
          ),
        ),
    };
    const b = new SharedReadBudget({
      client: hanging,
      tableName: 't',
      streamName: 's',
      budget: 4,
      timeoutMs: 20,
    });
    expect((await b.take(S0)).ok).toBe(false);
    expect(b.mode()).toBe('fallback');
  });
});

describe('CallGate with a shared budget', () => {
  it('without a budget keeps its 210 ms spacing, exactly as before', async () => {
    const gate = new CallGate();
    const abort = new AbortController();
    const at = pollContinuously(gate, S0, abort.signal);
    await tick(1_000);
    abort.abort();
    expect(at.map((t) => t - T0)).toEqual([0, 210, 420, 630, 840]);
    expect(gate.mode()).toBe('process');
    expect(table.inputs).toHaveLength(0);
  });

  it('waits for the next second when the budget of this one is spent elsewhere', async () => {
    const others = budget({ hubId: 'hub-b' });
    for (let i = 0; i < 4; i++) await others.take(S0);
    const gate = new CallGate(210, budget({ hubId: 'hub-a' }));
    let grantedAt: number | undefined;
    void gate.acquire(S0).then(() => (grantedAt = Date.now()));
    await tick(699);
    expect(grantedAt).toBeUndefined();
    await tick(20);
    expect(grantedAt).toBe((second(T0) + 1) * 1000 + 10);
  });

  it('a lone hub gets the whole budget; three hubs each space to 750 ms and share it', async () => {
    const alone = new CallGate(210, budget({ hubId: 'hub-a' }));
    const abort = new AbortController();
    const at = pollContinuously(alone, S0, abort.signal);
    await tick(2_000);
    abort.abort();
    expect(at.map((t) => t - T0)).toEqual([0, 250, 500, 750, 1_000, 1_250, 1_500, 1_750, 2_000]);
    await tick(3_000);

    const start = Date.now();
    const gates = ['hub-a', 'hub-b', 'hub-c'].map((hubId) => new CallGate(210, budget({ hubId })));
    const three = new AbortController();
    const calls = gates.map((g) => pollContinuously(g, S0, three.signal));
    await tick(10_000);
    three.abort();
    for (let s = second(start); s < second(start) + 10; s++)
      expect(table.granted(S0, s)).toBeLessThanOrEqual(4);
    const gaps = calls.flatMap((c) => c.slice(-6).map((t, i, all) => (i ? t - all[i - 1]! : 750)));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(750);
    // Each hub's share is about a third of 4/s over the last 8 s.
    for (const c of calls) expect(c.filter((t) => t >= start + 2_000).length).toBeGreaterThanOrEqual(8);
  });

  it('while the table fails, spaces calls a second apart', async () => {
    table.failures = Array.from({ length: 100 }, () => awsError('ServiceUnavailable'));
    const gate = new CallGate(210, budget({ fallbackMs: 2_000, log: () => undefined }));
    const abort = new AbortController();
    const at = pollContinuously(gate, S0, abort.signal);
    await tick(6_000);
    expect(gate.mode()).toBe('fallback');
    abort.abort();
    expect(at.map((t) => t - T0)).toEqual([0, 1_000, 2_000, 3_000, 4_000, 5_000, 6_000]);
    // Tried again each time a fallback period ran out: at 0, 2, 4 and 6 s.
    expect(table.inputs).toHaveLength(4);
  });
});

describe('three FeedHubs on one fake stream and one fake budget table', () => {
  it('stay within 4 GetRecords per shard per second together, and every subscriber gets every record', async () => {
    const fake = new FakeKinesis(2);
    const hubs = ['task-1', 'task-2', 'task-3'].map(
      (hubId) => new FeedHub({ source: fake, readBudget: budget({ hubId }), log: () => undefined }),
    );
    const viewers = await Promise.all(
      hubs.flatMap((hub) =>
        [0, 1].map(async () => {
          const events: FeedEvent[] = [];
          await hub.subscribe({ shard: 'all', position: { type: 'LATEST' } }, (e) => events.push(e));
          return events;
        }),
      ),
    );
    const start = Date.now();
    const put: Record<string, string[]> = { [S0]: [], [S1]: [] };
    for (let i = 0; i < 40; i++) {
      const shard = i % 2 ? S1 : S0;
      put[shard]!.push(fake.put(shard, `r${i}`));
      await tick(200);
    }
    await tick(3_000);
    hubs.forEach((h) => h.stop());
    const perSecond = new Map<string, number>();
    for (const call of fake.calls.getRecords.filter((c) => c.at >= start)) {
      const key = `${call.shardId}@${second(call.at)}`;
      perSecond.set(key, (perSecond.get(key) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(4);
    for (const events of viewers) {
      for (const shard of [S0, S1]) {
        expect(events.filter((e) => e.shardId === shard).map((e) => e.sequenceNumber)).toEqual(put[shard]);
      }
    }
  });
});
