import { describe, expect, it } from 'vitest';
import { BUILT_IN_QUERIES, builtInDescription } from '@/lib/queries/built-in';
import { decodeDescription, encodeDescription, type QueryMetadata } from '@/lib/queries/metadata';
import { checkReadOnly } from '@/lib/queries/read-only-guard';
import { countPlaceholders } from '@/lib/queries/sql-tokens';

const meta = (m: Partial<QueryMetadata>): QueryMetadata => ({ tags: [], paramTypes: [], builtIn: false, ...m });

describe('metadata in the description header', () => {
  it('round-trips folder, tags, parameter types and the built-in mark', () => {
    const cases: [string, QueryMetadata][] = [
      ['Revenue per day.', meta({ folder: 'Revenue', tags: ['daily', 'revenue'], paramTypes: ['date', 'date'] })],
      ['', meta({ folder: 'Ops / weekly (EU)', tags: ['a-b', 'c_d'] })],
      ['Line one\nline two\nlibrary: not a header here', meta({ paramTypes: ['number', 'boolean', 'string'], builtIn: true })],
      ['plain', meta({})],
      ['', meta({})],
    ];
    for (const [description, m] of cases) {
      const stored = encodeDescription(description, m);
      expect(decodeDescription(stored), stored).toEqual({ description, meta: m });
    }
  });

  it('writes a header people can read in the Athena console', () => {
    expect(encodeDescription('Revenue per day.', meta({ folder: 'Revenue', tags: ['daily'], paramTypes: ['date'] }))).toBe(
      'library: folder=Revenue; tags=daily; params=date\nRevenue per day.',
    );
    expect(encodeDescription('No metadata', meta({}))).toBe('No metadata');
  });

  it('keeps a description that itself starts like a header', () => {
    const description = 'library: looks like a header';
    expect(decodeDescription(encodeDescription(description, meta({})))).toEqual({ description, meta: meta({}) });
  });

  it('reads a console-made description as no metadata and ignores unknown parts', () => {
    expect(decodeDescription(undefined)).toEqual({ description: '', meta: meta({}) });
    expect(decodeDescription('Saved in the console')).toEqual({ description: 'Saved in the console', meta: meta({}) });
    expect(decodeDescription('library: colour=red; params=date,float\nx')).toEqual({
      description: 'x',
      meta: meta({ paramTypes: ['date'] }),
    });
  });

  it('round-trips the owner', () => {
    const stored = encodeDescription('Mine', meta({ owner: 'analyst2', tags: ['daily'] }));
    expect(stored).toBe('library: tags=daily; owner=analyst2\nMine');
    expect(decodeDescription(stored)).toEqual({ description: 'Mine', meta: meta({ owner: 'analyst2', tags: ['daily'] }) });
  });
});

describe('built-in queries', () => {
  it('have unique names, fitting descriptions and a type for every placeholder', () => {
    expect(new Set(BUILT_IN_QUERIES.map((q) => q.name)).size).toBe(BUILT_IN_QUERIES.length);
    for (const query of BUILT_IN_QUERIES) {
      expect(builtInDescription(query).length, query.name).toBeLessThanOrEqual(1024);
      expect(query.paramTypes, query.name).toHaveLength(countPlaceholders(query.sql));
    }
  });

  it('are read-only, except the AWS-only setup that creates the view', () => {
    for (const query of BUILT_IN_QUERIES) expect(checkReadOnly(query.sql).ok, query.name).toBe(!query.awsOnly);
  });
});
