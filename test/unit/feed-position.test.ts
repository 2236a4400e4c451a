import { describe, expect, it } from 'vitest';
import { parseFeedQuery } from '@/lib/feed/position';

const issues = (input: Record<string, string>) => {
  const result = parseFeedQuery(input);
  if (result.success) throw new Error('expected a failure');
  return result.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('parseFeedQuery', () => {
  it('defaults to every shard from LATEST', () => {
    expect(parseFeedQuery({})).toEqual({
      success: true,
      data: { shard: 'all', position: { type: 'LATEST' } },
    });
  });

  it('parses every position kind', () => {
    expect(parseFeedQuery({ shard: 'shardId-000000000001', position: 'TRIM_HORIZON' })).toMatchObject({
      data: { shard: 'shardId-000000000001', position: { type: 'TRIM_HORIZON' } },
    });
    const at = parseFeedQuery({ position: 'AT_TIMESTAMP', timestamp: '2026-01-31T12:00:00Z' });
    expect(at.success && at.data.position).toEqual({
      type: 'AT_TIMESTAMP',
      timestamp: new Date('2026-01-31T12:00:00Z'),
    });
    expect(
      parseFeedQuery({ shard: 'shardId-000000000000', position: 'AT_SEQUENCE_NUMBER', sequence: '4959' }),
    ).toMatchObject({
      data: { position: { type: 'AT_SEQUENCE_NUMBER', sequence: '4959' } },
    });
    expect(parseFeedQuery({ lastEventId: 'shardId-000000000000:1' })).toMatchObject({
      data: { lastEventId: 'shardId-000000000000:1' },
    });
  });

  it('explains bad input per field', () => {
    expect(issues({ position: 'EARLIEST' })).toEqual([
      ['position', expect.stringMatching(/LATEST, TRIM_HORIZON/)],
    ]);
    expect(issues({ shard: 'shard-1' })).toEqual([['shard', expect.stringMatching(/"all" or a shard id/)]]);
    expect(issues({ position: 'AT_TIMESTAMP' })).toEqual([
      ['timestamp', expect.stringMatching(/needs timestamp/)],
    ]);
    expect(issues({ position: 'AT_TIMESTAMP', timestamp: 'yesterday' })).toEqual([
      ['timestamp', expect.stringMatching(/ISO 8601/)],
    ]);
    expect(issues({ position: 'AT_TIMESTAMP', timestamp: '2999-01-01T00:00:00Z' })).toEqual([
      ['timestamp', 'timestamp is in the future'],
    ]);
    expect(issues({ shard: 'shardId-000000000000', position: 'AT_SEQUENCE_NUMBER' })).toEqual([
      ['sequence', expect.stringMatching(/needs sequence/)],
    ]);
    expect(
      issues({ shard: 'shardId-000000000000', position: 'AT_SEQUENCE_NUMBER', sequence: '12x' }),
    ).toEqual([['sequence', expect.stringMatching(/digits/)]]);
    expect(issues({ position: 'AT_SEQUENCE_NUMBER', sequence: '12' })).toEqual([
      ['shard', expect.stringMatching(/single shard/)],
    ]);
  });
});
