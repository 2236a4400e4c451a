/**
 * Order vocabulary without zod, so client components that only need the lists (filters, badges)
 * do not pull the validation library into their bundle. schema.ts re-exports all of it.
 */
export const REGIONS = ['NA', 'EU', 'APAC', 'LATAM'] as const;
export const CHANNELS = ['web', 'phone', 'store', 'partner'] as const;
export const STATUSES = ['pending', 'paid', 'shipped', 'cancelled', 'refunded'] as const;

export type Region = (typeof REGIONS)[number];
export type Channel = (typeof CHANNELS)[number];
export type OrderStatus = (typeof STATUSES)[number];

/** Bounds keep every total a safe integer: 100 lines × 10,000 units × 100,000,000 cents < 2^53. */
export const LIMITS = {
  maxLineItems: 100,
  maxQuantity: 10_000,
  maxUnitPriceCents: 100_000_000,
  maxNameLength: 200,
  maxSkuLength: 64,
} as const;

/**
 * ULIDs: 26 Crockford base32 characters, the first at most 7 (the 48-bit time overflows beyond
 * 7ZZZZZZZZZ, and decoding the creation time would throw). Anything else is not an order id.
 */
export const ORDER_ID_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
