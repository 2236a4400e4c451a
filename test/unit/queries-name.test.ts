import { describe, expect, it } from 'vitest';
import { isStaleClaim, PENDING_LEASE_MS, type NameClaimItem } from '@/lib/queries/name-claims';
import { nameTakenMessage, normalizeQueryName, sameQueryName } from '@/lib/queries/query-name';

describe('normalizeQueryName', () => {
  it('trims, collapses inner whitespace and folds case', () => {
    expect(normalizeQueryName('  Revenue   by\tDay ')).toBe('revenue by day');
    expect(normalizeQueryName('REVENUE BY DAY')).toBe('revenue by day');
    expect(sameQueryName('Orders by status', 'orders BY Status ')).toBe(true);
    expect(sameQueryName('Orders by status', 'Orders by region')).toBe(false);
  });

  it('folds the letters lower-casing alone misses, and compatibility forms', () => {
    expect(normalizeQueryName('Straße')).toBe(normalizeQueryName('STRASSE'));
    expect(normalizeQueryName('ΣΟΦΟΣ')).toBe(normalizeQueryName('σοφος'));
    expect(normalizeQueryName('ﬁnance')).toBe('finance');
    // Composed and decomposed é are one name.
    expect(normalizeQueryName('Caf\u00e9')).toBe(normalizeQueryName('Cafe\u0301'));
  });

  it('is idempotent, so a stored key normalises to itself', () => {
    for (const name of ['Straße İstanbul', '  A  b ', 'ΣΟΦΟΣ', 'Ⅻ reports']) {
      const key = normalizeQueryName(name);
      expect(normalizeQueryName(key), name).toBe(key);
    }
  });

  it('keeps different names apart', () => {
    expect(normalizeQueryName('top-products')).not.toBe(normalizeQueryName('top products'));
    expect(normalizeQueryName('Q1')).not.toBe(normalizeQueryName('Q 1'));
  });

  it('names the taken name in the field error', () => {
    expect(nameTakenMessage('Revenue by day')).toBe('A saved query named "Revenue by day" already exists; choose another name');
  });
});

describe('isStaleClaim', () => {
  const now = Date.parse('2026-11-20T10:00:00.000Z');
  const claim = (over: Partial<NameClaimItem>): NameClaimItem => ({
    name_key: 'revenue by day',
    name: 'Revenue by day',
    claim_token: 't',
    state: 'held',
    query_id: 'q-1',
    owner: 'analyst',
    claimed_at: new Date(now - 1_000).toISOString(),
    ...over,
  });
  const names = (known: Record<string, string>) => async (id: string) => known[id];

  it('keeps a held claim whose query still has the name (in any spelling)', async () => {
    expect(await isStaleClaim(claim({}), names({ 'q-1': 'REVENUE by day' }), now)).toBe(false);
  });

  it('frees a held claim whose query is gone or was renamed', async () => {
    expect(await isStaleClaim(claim({}), names({}), now)).toBe(true);
    expect(await isStaleClaim(claim({}), names({ 'q-1': 'Revenue by week' }), now)).toBe(true);
  });

  it('keeps a pending claim during its lease and frees it after', async () => {
    const lookups: string[] = [];
    const spy = async (id: string) => (lookups.push(id), 'Revenue by day');
    expect(await isStaleClaim(claim({ state: 'pending', query_id: undefined }), spy, now)).toBe(false);
    const old = new Date(now - PENDING_LEASE_MS - 1).toISOString();
    expect(await isStaleClaim(claim({ state: 'pending', query_id: undefined, claimed_at: old }), spy, now)).toBe(true);
    // A pending rename is judged by its lease too, not by its query's current name.
    expect(await isStaleClaim(claim({ state: 'pending' }), names({ 'q-1': 'Other' }), now)).toBe(false);
    expect(lookups).toEqual([]);
  });
});
