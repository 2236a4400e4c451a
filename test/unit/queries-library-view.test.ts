import { describe, expect, it } from 'vitest';
import type { SavedQuery } from '@/components/queries/api';
import { copyName, draftOf, fieldErrorsOf, isDirty, shareUrl, toRequest } from '@/components/queries/draft';
import { groupQueries, matchesSearch } from '@/components/queries/library-groups';

const query = (overrides: Partial<SavedQuery>): SavedQuery => ({
  id: 'q',
  name: 'Query',
  description: '',
  sql: 'SELECT 1',
  folder: null,
  tags: [],
  param_types: [],
  built_in: false,
  owner: 'analyst',
  ...overrides,
});

const library = [
  query({ id: 'a', name: 'Revenue by day', folder: 'Revenue', tags: ['daily', 'revenue'] }),
  query({ id: 'b', name: 'Orders by status', folder: 'Operations', tags: ['status'] }),
  query({ id: 'c', name: 'Scratch', sql: 'SELECT * FROM order_changes WHERE dt = ?' }),
];

describe('library list', () => {
  it('groups by folder with "No folder" last, and by tag with a query under each of its tags', () => {
    expect(groupQueries(library, 'folder').map(([g, qs]) => [g, qs.map((q) => q.id)])).toEqual([
      ['Operations', ['b']],
      ['Revenue', ['a']],
      ['No folder', ['c']],
    ]);
    expect(groupQueries(library, 'tag').map(([g, qs]) => [g, qs.map((q) => q.id)])).toEqual([
      ['#daily', ['a']],
      ['#revenue', ['a']],
      ['#status', ['b']],
      ['Untagged', ['c']],
    ]);
  });

  it('searches name, folder, tags and SQL, ignoring case', () => {
    const ids = (search: string) => library.filter((q) => matchesSearch(q, search)).map((q) => q.id);
    expect(ids('REVENUE')).toEqual(['a']);
    expect(ids('operations')).toEqual(['b']);
    expect(ids('order_changes')).toEqual(['c']);
    expect(ids('  ')).toEqual(['a', 'b', 'c']);
  });
});

describe('query draft', () => {
  it('maps to the API body with tags split and one type per placeholder', () => {
    const draft = { ...draftOf(library[2]!), tags: 'ops, daily  audit', paramTypes: [] };
    expect(toRequest(draft)).toEqual({
      name: 'Scratch',
      description: '',
      sql: 'SELECT * FROM order_changes WHERE dt = ?',
      folder: '',
      tags: ['ops', 'daily', 'audit'],
      param_types: ['string'],
    });
  });

  it('knows when the draft differs from what is saved', () => {
    const saved = library[0]!;
    expect(isDirty(draftOf(saved), saved)).toBe(false);
    expect(isDirty({ ...draftOf(saved), sql: 'SELECT 2' }, saved)).toBe(true);
    expect(isDirty({ ...draftOf(saved), name: '', sql: '' }, undefined)).toBe(false);
  });

  it('picks a free copy name', () => {
    expect(copyName('Revenue', ['Revenue'])).toBe('Revenue (copy)');
    expect(copyName('Revenue', ['Revenue', 'revenue (COPY)', 'Revenue (copy 2)'])).toBe('Revenue (copy 3)');
  });

  it('puts each API issue on its form field', () => {
    expect(fieldErrorsOf([{ path: 'tags.1', message: 'bad tag' }, { path: 'name', message: 'taken' }, { path: '', message: 'whole body' }])).toEqual({
      tags: 'bad tag',
      name: 'taken',
      form: 'whole body',
    });
  });

  it('builds share links with the saved query and its parameter values', () => {
    expect(shareUrl('https://x.test', 'abc', ['2026-11-01', "O'Brien & co"])).toBe(
      'https://x.test/queries?id=abc&p=2026-11-01&p=O%27Brien+%26+co',
    );
    expect(shareUrl('', null, [])).toBe('/queries');
  });
});
