import { describe, expect, it } from 'vitest';
import { readyShards } from '@/local/shard-lineage';

const ids = (shards: { ShardId?: string }[]) => shards.map((s) => s.ShardId);

describe('readyShards', () => {
  const shards = [
    { ShardId: 'parent' },
    { ShardId: 'child', ParentShardId: 'parent' },
    { ShardId: 'grandchild', ParentShardId: 'child' },
    { ShardId: 'orphan', ParentShardId: 'trimmed-away' },
    { ShardId: 'merged', ParentShardId: 'parent', AdjacentParentShardId: 'orphan' },
  ];

  it('reads a child only after its parents are finished; a parent no longer listed counts as finished', () => {
    expect(ids(readyShards(shards, () => false))).toEqual(['parent', 'orphan']);
    expect(ids(readyShards(shards, (id) => id === 'parent'))).toEqual(['child', 'orphan']);
    expect(ids(readyShards(shards, (id) => ['parent', 'orphan'].includes(id)))).toEqual(['child', 'merged']);
    expect(ids(readyShards(shards, (id) => id !== 'grandchild'))).toEqual(['grandchild']);
  });
});
