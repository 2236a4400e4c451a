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
