import { describe, expect, it } from 'vitest';
import { coversHashKey, hashKeyOf, shardsForKey, type ShardRange } from '@/lib/trace/shard-for-key';

const MAX = (1n << 128n) - 1n;
const HALF = 1n << 127n;
const range = (shardId: string, start: bigint, end: bigint, extra: Partial<ShardRange> = {}): ShardRange => ({
  shardId,
  startingHashKey: start.toString(),
  endingHashKey: end.toString(),
  closed: false,
  ...extra,
});

describe('shard for a partition key', () => {
  it('hashes the key with MD5 as a 128-bit unsigned integer, as Kinesis does', () => {
    expect(hashKeyOf('a')).toBe(BigInt('0x0cc175b9c0f1b6a831c399e269772661'));
    expect(hashKeyOf('b')).toBe(BigInt('0x92eb5ffee6ae2fec3ad71c777531578f'));
  });

  it('picks the shard whose inclusive hash range holds the key', () => {
    const shards = [range('shardId-000000000000', 0n, HALF - 1n), range('shardId-000000000001', HALF, MAX)];
    expect(shardsForKey(shards, 'a').map((s) => s.shardId)).toEqual(['shardId-000000000000']);
    expect(shardsForKey(shards, 'b').map((s) => s.shardId)).toEqual(['shardId-000000000001']);
    expect(coversHashKey(shards[0]!, HALF - 1n)).toBe(true);
    expect(coversHashKey(shards[0]!, HALF)).toBe(false);
    expect(coversHashKey(shards[1]!, MAX)).toBe(true);
  });

  it('after a split, returns the closed parent before the child that took over the key', () => {
    const shards = [
      range('shardId-000000000002', 0n, HALF - 1n, { parentShardId: 'shardId-000000000000' }),
      range('shardId-000000000000', 0n, MAX, { closed: true }),
      range('shardId-000000000001', HALF, MAX, { parentShardId: 'shardId-000000000000' }),
    ];
    expect(shardsForKey(shards, 'a').map((s) => s.shardId)).toEqual(['shardId-000000000000', 'shardId-000000000002']);
    expect(shardsForKey(shards, 'b').map((s) => s.shardId)).toEqual(['shardId-000000000000', 'shardId-000000000001']);
  });

  it('after a merge, reads both parents that covered the key before the merged child', () => {
    const shards = [
      range('shardId-000000000003', 0n, MAX, {
        parentShardId: 'shardId-000000000001',
        adjacentParentShardId: 'shardId-000000000002',
      }),
      range('shardId-000000000001', HALF, MAX, { closed: true }),
      range('shardId-000000000002', 0n, HALF - 1n, { closed: true }),
    ];
    expect(shardsForKey(shards, 'b').map((s) => s.shardId)).toEqual(['shardId-000000000001', 'shardId-000000000003']);
  });
});
