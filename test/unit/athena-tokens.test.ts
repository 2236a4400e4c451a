import { describe, expect, it } from 'vitest';
import { pageByKey } from '@/local/athena/tokens';

describe('pagination tokens', () => {
  const items = [1, 2, 3, 4, 5].map((n) => ({ n }));
  const options = { keyOf: (i: { n: number }) => i.n, maxResults: 2, scope: 's' };

  it('pages newest first without repeating or skipping, even when items arrive between pages', () => {
    const first = pageByKey(items, { ...options, descending: true, nextToken: undefined });
    expect(first.page.map((i) => i.n)).toEqual([5, 4]);
    const grown = [...items, { n: 6 }];
    const second = pageByKey(grown, { ...options, descending: true, nextToken: first.nextToken });
    expect(second.page.map((i) => i.n)).toEqual([3, 2]);
    const third = pageByKey(grown, { ...options, descending: true, nextToken: second.nextToken });
    expect(third.page.map((i) => i.n)).toEqual([1]);
    expect(third.nextToken).toBeUndefined();
  });

  it('refuses a token from another list or a made-up one', () => {
    const first = pageByKey(items, { ...options, descending: false, nextToken: undefined });
    expect(() =>
      pageByKey(items, { ...options, scope: 'other', descending: false, nextToken: first.nextToken }),
    ).toThrow(/NextToken is not valid/);
    expect(() => pageByKey(items, { ...options, descending: false, nextToken: 'garbage' })).toThrow(
      /NextToken is not valid/,
    );
  });
});
