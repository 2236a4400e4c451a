import { monotonicFactory } from 'ulid';
import { describe, expect, it } from 'vitest';
import { DATE_PARTITIONS, DATE_SHARDS, dateShardOf, isOrderEntity, LEGACY_ORDER_ENTITY } from '@/lib/orders/date-shards';
import { createRandom } from '@/local/demo-orders';

/** DynamoDB's documented ceiling for one partition key value of an on-demand GSI. */
const PARTITION_WRITES_PER_S = 1_000;

describe('by_date shards', () => {
  it('puts one order on one shard every time', () => {
    const id = '01JD0000000000000000000001';
    expect(dateShardOf(id)).toBe(dateShardOf(id));
    expect(dateShardOf(id)).toMatch(/^order#[0-7]$/);
  });

  it('reads every shard and the legacy key, and knows them as orders', () => {
    expect(DATE_PARTITIONS).toHaveLength(DATE_SHARDS + 1);
    expect(DATE_PARTITIONS).toContain(LEGACY_ORDER_ENTITY);
    for (const p of DATE_PARTITIONS) expect(isOrderEntity(p)).toBe(true);
    for (const other of ['customer', 'order#8', 'order#', 'ORDER#1', 1, undefined]) expect(isOrderEntity(other)).toBe(false);
  });

  it('spreads 1M orders written at 5,000/s evenly, with no shard-second near the partition limit', () => {
    const random = createRandom(42);
    // Monotonic ids: a burst inside one millisecond differs only in its last characters.
    const nextId = monotonicFactory(() => random());
    const rate = 5_000;
    const orders = 1_000_000;
    const perShard = new Array<number>(DATE_SHARDS).fill(0);
    let busiestShardSecond = 0;
    for (let second = 0; second < orders / rate; second++) {
      const thisSecond = new Array<number>(DATE_SHARDS).fill(0);
      for (let i = 0; i < rate; i++) {
        const ms = Date.UTC(2026, 11, 1) + second * 1000 + Math.floor((i * 1000) / rate);
        const shard = Number(dateShardOf(nextId(ms)).slice('order#'.length));
        thisSecond[shard]! += 1;
        perShard[shard]! += 1;
      }
      busiestShardSecond = Math.max(busiestShardSecond, ...thisSecond);
    }
    const even = orders / DATE_SHARDS;
    for (const count of perShard) expect(Math.abs(count - even) / even).toBeLessThan(0.01);
    // 625 writes/s per shard on average (one constant key would take all 5,000); the binomial
    // spread keeps the busiest second far below the limit.
    expect(busiestShardSecond).toBeLessThan(0.8 * PARTITION_WRITES_PER_S);
  }, 60_000);
});
