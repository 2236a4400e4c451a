import type { FieldIssue } from '@/lib/orders/errors';
import { minorToMajorString, parseMajorToMinor, type Currency } from '@/lib/orders/money';
import { createOrderSchema, type Order } from '@/lib/orders/schema';

/**
 * The form edits text (what people type); the API takes typed values in minor units. This module
 * converts between the two and validates with the API's own schema, so the rules live in one place.
 */
export type LineItemValues = { sku: string; name: string; category: string; quantity: string; unit_price: string };

export type OrderFormValues = {
  customer: { name: string; email: string };
  region: Order['region'];
  channel: Order['channel'];
  status: Order['status'];
  currency: Currency;
  /** `YYYY-MM-DDTHH:mm` in UTC, as a datetime-local input holds it. */
  order_date: string;
  items: LineItemValues[];
};

export const emptyLineItem = (): LineItemValues => ({ sku: '', name: '', category: '', quantity: '1', unit_price: '' });

const toInputDate = (iso: string) => iso.slice(0, 16);

export function toFormValues(order: Order | undefined, now = new Date()): OrderFormValues {
  if (!order) {
    return {
      customer: { name: '', email: '' },
      region: 'NA',
      channel: 'web',
      status: 'pending',
      currency: 'USD',
      order_date: toInputDate(now.toISOString()),
      items: [emptyLineItem()],
    };
  }
  return {
    customer: { ...order.customer },
    region: order.region,
    channel: order.channel,
    status: order.status,
    currency: order.currency,
    order_date: toInputDate(order.order_date),
    items: order.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      category: item.category,
      quantity: String(item.quantity),
      unit_price: minorToMajorString(item.unit_price_cents, order.currency),
    })),
  };
}

/** Numeric text becomes a number so the schema can say what is wrong with it (negative, fractional). */
const parseQuantity = (text: string) =>
  /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : text.trim() === '' ? undefined : NaN;

/**
 * Form values → API payload. An untouched order date keeps its stored seconds, so editing
 * something else never moves the order in time.
 */
export function toPayload(values: OrderFormValues, base?: Order) {
  const orderDate =
    base && values.order_date === toInputDate(base.order_date) ? base.order_date : values.order_date ? `${values.order_date}:00.000Z` : '';
  return {
    customer: values.customer,
    region: values.region,
    channel: values.channel,
    status: values.status,
    currency: values.currency,
    order_date: orderDate,
    items: values.items.map((item) => ({
      sku: item.sku,
      name: item.name,
      category: item.category,
      quantity: parseQuantity(item.quantity),
      unit_price_cents: parseMajorToMinor(item.unit_price, values.currency) ?? undefined,
    })),
  };
}

/** API issue path → form field name. */
export function formFieldFor(apiPath: string): string {
  return apiPath.replace(/\.unit_price_cents$/, '.unit_price');
}

/** Validates with the API schema, plus the price text the schema never sees. */
export function validateForm(values: OrderFormValues, base?: Order): FieldIssue[] {
  const issues: FieldIssue[] = [];
  values.items.forEach((item, index) => {
    if (item.unit_price.trim() === '') issues.push({ path: `items.${index}.unit_price`, message: 'Unit price is required' });
    else if (parseMajorToMinor(item.unit_price, values.currency) === null) {
      const digits = values.currency === 'JPY' ? 'a whole amount like 1500' : 'an amount like 12.99';
      issues.push({ path: `items.${index}.unit_price`, message: `Unit price must be ${digits}` });
    }
  });
  const result = createOrderSchema.safeParse(toPayload(values, base));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = formFieldFor(issue.path.map(String).join('.'));
      if (!issues.some((i) => i.path === path)) issues.push({ path, message: issue.message });
    }
  }
  return issues;
}
