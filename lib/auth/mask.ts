import { can, type Caller } from './roles';

/** `jane@example.com` → `j•••@example.com`: enough to tell customers apart, not to contact them. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '•••';
  return `${email[0]}•••${email.slice(at)}`;
}

export const seesEmail = (caller: Caller) => can(caller, 'orders:read-email');

type WithCustomer = { customer: { email: string } & Record<string, unknown> };

/** An order (or an image of one) as the caller may see it. Anything without a customer passes through. */
export function maskCustomer<T>(value: T, caller: Caller): T {
  if (seesEmail(caller) || !hasCustomerEmail(value)) return value;
  return { ...value, customer: { ...value.customer, email: maskEmail(value.customer.email) } };
}

function hasCustomerEmail(value: unknown): value is WithCustomer {
  const customer = (value as { customer?: { email?: unknown } } | null)?.customer;
  return typeof customer === 'object' && customer !== null && typeof customer.email === 'string';
}

/** An address anywhere in a string: a stored `search_text`, a diff value, a raw record's bytes. */
const EMAIL_IN_TEXT = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

/**
 * Every email address anywhere inside a value (images, diffs, raw record text), masked, for
 * callers who may not see them; others get the value as is. Used where the shape is open-ended:
 * feed events, traces and order history.
 */
export function maskEmailsDeep<T>(value: T, caller: Caller): T {
  return seesEmail(caller) ? value : (maskDeep(value) as T);
}

function maskDeep(value: unknown): unknown {
  if (typeof value === 'string') return value.includes('@') ? value.replace(EMAIL_IN_TEXT, maskEmail) : value;
  if (Array.isArray(value)) return value.map(maskDeep);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskDeep(v)]));
  }
  return value;
}
