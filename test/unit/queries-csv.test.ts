import { describe, expect, it } from 'vitest';
import type { ResultPage } from '@/lib/analytics/runner';
import { csvLine } from '@/lib/csv';
import { readAhead, streamCsv } from '@/lib/queries/csv';

async function* pages(...list: ResultPage[]) {
  yield* list;
}

describe('CSV export', () => {
  it('quotes only what needs quoting and writes NULL as an empty field', () => {
    expect(csvLine(['a', 'b c', null, ''])).toBe('a,b c,,\r\n');
    expect(csvLine(['say "hi"', 'x,y', 'two\nlines', ' padded'])).toBe('"say ""hi""","x,y","two\nlines"," padded"\r\n');
  });

  it('streams the header once, then every row of every page', async () => {
    const columns = [{ name: 'status', type: 'varchar' }, { name: 'orders', type: 'bigint' }];
    const text = await new Response(
      streamCsv(
        pages(
          { columns, rows: [['paid', '3'], ['shipped', '2']], nextToken: 't' },
          { columns, rows: [['pending', '1']] },
        ),
      ),
    ).text();
    expect(text).toBe('status,orders\r\npaid,3\r\nshipped,2\r\npending,1\r\n');
  });

  it('reads one page ahead without losing or reordering any', async () => {
    const fetched: number[] = [];
    async function* source() {
      for (let i = 0; i < 5; i++) {
        fetched.push(i);
        yield i;
      }
    }
    const seen: number[] = [];
    for await (const value of readAhead(source())) {
      seen.push(value);
      // While page n is handled, page n + 1 has already been asked for.
      expect(fetched.length).toBe(Math.min(value + 2, 5));
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });
});
