import { describe, expect, it } from 'vitest';
import { diffImages } from '@/lib/feed/diff';

describe('diffImages', () => {
  it('reports nothing for equal images', () => {
    const image = { a: 1, nested: { b: [1, { c: 'x' }] } };
    expect(diffImages(image, structuredClone(image))).toEqual([]);
  });

  it('walks nested objects and compares arrays by index', () => {
    const before = {
      status: 'paid',
      customer: { name: 'Ada' },
      items: [
        { sku: 'A', quantity: 1 },
        { sku: 'B', quantity: 1 },
      ],
    };
    const after = { status: 'shipped', customer: { name: 'Ada L' }, items: [{ sku: 'A', quantity: 3 }] };
    expect(diffImages(before, after)).toEqual([
      { path: 'customer.name', kind: 'changed', old: 'Ada', new: 'Ada L' },
      { path: 'items[0].quantity', kind: 'changed', old: 1, new: 3 },
      { path: 'items[1]', kind: 'removed', old: { sku: 'B', quantity: 1 } },
      { path: 'status', kind: 'changed', old: 'paid', new: 'shipped' },
    ]);
  });

  it('reports added and removed fields, and a missing image as all added (INSERT) or removed (REMOVE)', () => {
    expect(diffImages({ a: 1 }, { b: 2 })).toEqual([
      { path: 'a', kind: 'removed', old: 1 },
      { path: 'b', kind: 'added', new: 2 },
    ]);
    expect(diffImages(null, { id: 'x' })).toEqual([{ path: 'id', kind: 'added', new: 'x' }]);
    expect(diffImages({ id: 'x' }, undefined)).toEqual([{ path: 'id', kind: 'removed', old: 'x' }]);
  });

  it('treats a type change (object → scalar, array → object) as one changed leaf', () => {
    expect(diffImages({ a: { b: 1 }, c: [1] }, { a: 5, c: { 0: 1 } })).toEqual([
      { path: 'a', kind: 'changed', old: { b: 1 }, new: 5 },
      { path: 'c', kind: 'changed', old: [1], new: { 0: 1 } },
    ]);
  });
});
