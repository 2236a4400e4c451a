import { decodeTime } from 'ulid';
import { describe, expect, it } from 'vitest';
import { newOrderId } from '@/lib/orders/order-id';
import { ORDER_ID_PATTERN } from '@/lib/orders/constants';

describe('order ids', () => {
  it('are ULIDs of the given time that the API accepts', () => {
    const time = Date.UTC(2026, 11, 8, 2, 40);
    const id = newOrderId(time);
    expect(id).toMatch(ORDER_ID_PATTERN);
    expect(decodeTime(id)).toBe(time);
  });

  it('draw every random character from the whole alphabet, with no repeats over many pool refills', () => {
    const ids = Array.from({ length: 20_000 }, () => newOrderId(0));
    expect(new Set(ids).size).toBe(ids.length);
    // The 16 random characters of 20,000 ids: each of the 32 symbols about 10,000 times.
    const counts = new Map<string, number>();
    for (const id of ids) for (const c of id.slice(10)) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect(counts.size).toBe(32);
    for (const n of counts.values()) expect(Math.abs(n - 10_000)).toBeLessThan(600);
  });
});
