import { describe, expect, it } from 'vitest';
import { findQueryByName, parseQueryNameParam, savedQueryHref } from '@/components/queries/query-link';

const query = (id: string, name: string, builtIn = false) => ({ id, name, built_in: builtIn });

describe('links to a saved query by name', () => {
  it('puts the name in ?name=, encoded, and reads it back', () => {
    const href = savedQueryHref('Failed records & more');
    expect(href).toBe('/queries?name=Failed+records+%26+more');
    const value = new URL(href, 'https://x.test').searchParams.get('name') ?? undefined;
    expect(parseQueryNameParam(value)).toBe('Failed records & more');
  });

  it('takes one non-blank value of at most 128 characters, trimmed', () => {
    expect(parseQueryNameParam('  Failed records ')).toBe('Failed records');
    expect(parseQueryNameParam(undefined)).toBeNull();
    expect(parseQueryNameParam('   ')).toBeNull();
    expect(parseQueryNameParam(['Failed records', 'Top products'])).toBeNull();
    expect(parseQueryNameParam('x'.repeat(128))).toBe('x'.repeat(128));
    expect(parseQueryNameParam('x'.repeat(129))).toBeNull();
  });

  it('finds the query as names compare, a built-in before a namesake', () => {
    const library = [query('a', 'failed  RECORDS'), query('b', 'Failed records', true), query('c', 'Top products', true)];
    expect(findQueryByName(library, 'Failed records')?.id).toBe('b');
    expect(findQueryByName(library, 'TOP products')?.id).toBe('c');
    expect(findQueryByName([query('a', 'Scratch')], ' scratch ')?.id).toBe('a');
    expect(findQueryByName(library, 'Nothing like it')).toBeUndefined();
  });
});
