import { z } from 'zod';
import { CHANNELS, LIMITS, ORDER_ID_PATTERN, REGIONS, STATUSES, type Channel, type OrderStatus, type Region } from './constants';
import { CURRENCIES, type Currency } from './money';

export * from './constants';

export const orderIdSchema = z.string().regex(ORDER_ID_PATTERN, 'is not a valid order id');

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

const wholeNumber = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max.toLocaleString('en-US')}`);

/** Normalised to UTC `toISOString()` so stored dates sort lexically. */
export const isoDateTime = z
  .string({ error: 'must be a date-time' })
  .datetime({ offset: true, message: 'must be an ISO 8601 date-time such as 2026-11-20T10:00:00Z' })
  .transform((value) => new Date(value).toISOString());

export const lineItemSchema = z.strictObject({
  sku: z
    .string({ error: 'SKU must be text' })
    .trim()
    .min(1, 'SKU is required')
    .max(LIMITS.maxSkuLength, `SKU must be at most ${LIMITS.maxSkuLength} characters`)
    .regex(/^[A-Za-z0-9._-]+$/, 'SKU may contain only letters, digits, . _ -'),
  name: trimmed('Product name', LIMITS.maxNameLength),
  category: trimmed('Category', 100),
  quantity: wholeNumber('Quantity', 1, LIMITS.maxQuantity),
  unit_price_cents: wholeNumber('Unit price', 0, LIMITS.maxUnitPriceCents),
});

export const customerSchema = z.strictObject({
  name: trimmed('Customer name', LIMITS.maxNameLength),
  email: z
    .string({ error: 'Email must be text' })
    .trim()
    .max(254, 'Email must be at most 254 characters')
    .pipe(z.email({ message: 'Email is not a valid address' })),
});

const orderFields = {
  customer: customerSchema,
  region: z.enum(REGIONS, { error: `Region must be one of ${REGIONS.join(', ')}` }),
  channel: z.enum(CHANNELS, { error: `Channel must be one of ${CHANNELS.join(', ')}` }),
  status: z.enum(STATUSES, { error: `Status must be one of ${STATUSES.join(', ')}` }),
  currency: z.enum(CURRENCIES, { error: `Currency must be one of ${CURRENCIES.join(', ')}` }),
  order_date: isoDateTime,
  items: z
    .array(lineItemSchema, { error: 'Items must be a list' })
    .min(1, 'An order needs at least one line item')
    .max(LIMITS.maxLineItems, `An order can have at most ${LIMITS.maxLineItems} line items`),
};

/** POST body. status defaults to pending, currency to USD, order_date to now (set by the service). */
export const createOrderSchema = z.strictObject({
  ...orderFields,
  status: orderFields.status.default('pending'),
  currency: orderFields.currency.default('USD'),
  order_date: orderFields.order_date.optional(),
});

/**
 * PUT body: the full order plus the version that was read. The server-owned fields of a GET may be
 * sent back (so GET → edit → PUT works) and are ignored; order_id must then match the URL.
 */
export const updateOrderSchema = z.strictObject({
  ...orderFields,
  version: z
    .number({ error: 'Version must be a number' })
    .int('Version must be a whole number')
    .min(1, 'Version must be at least 1'),
  order_id: orderIdSchema.optional(),
  total_cents: z.unknown().optional(),
  created_at: z.unknown().optional(),
  updated_at: z.unknown().optional(),
  updated_by: z.unknown().optional(),
});

export const deleteOrderSchema = z.object({
  version: z.coerce
    .number({ error: 'version must be a number' })
    .int('version must be a whole number')
    .min(1, 'version must be at least 1'),
});

export type LineItem = z.infer<typeof lineItemSchema>;
export type CreateOrderInput = z.infer<typeof createOrderSchema>;
export type UpdateOrderInput = z.infer<typeof updateOrderSchema>;

export type Order = {
  order_id: string;
  customer: { name: string; email: string };
  region: Region;
  channel: Channel;
  status: OrderStatus;
  currency: Currency;
  order_date: string;
  items: LineItem[];
  total_cents: number;
  version: number;
  created_at: string;
  updated_at: string;
  /**
   * Who made the latest write (the verified token's username, or `service:<name>`). Orders
   * written before sign-in existed have none. A delete writes it first, so the REMOVE carries it.
   */
  updated_by?: string;
};

const dateOnly = z
  .string()
  // abort: a malformed date gets one issue, not also "is not a real calendar date".
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'is not a real calendar date');

export const listOrdersQuerySchema = z
  .object({
    status: z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(', ')}` }).optional(),
    q: z.string().trim().max(200, 'q must be at most 200 characters').optional(),
    from: dateOnly.optional(),
    to: dateOnly.optional(),
    sort: z.enum(['asc', 'desc'], { error: 'sort must be asc or desc' }).default('desc'),
    limit: z.coerce
      .number({ error: 'limit must be a number' })
      .int('limit must be a whole number')
      .min(1, 'limit must be at least 1')
      .max(200, 'limit must be at most 200')
      .default(25),
    cursor: z.string().max(2048, 'cursor is too long').optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'from must be on or before to', path: ['from'] });

export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;
