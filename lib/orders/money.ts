/**
 * Money is integer minor units (cents) everywhere. Totals are derived here and nowhere else.
 * Parsing and formatting go through strings so no binary float ever touches an amount.
 */

export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'AUD', 'CAD'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** ISO 4217 minor-unit exponents for the currencies we accept. */
const MINOR_DIGITS: Record<Currency, number> = { USD: 2, EUR: 2, GBP: 2, JPY: 0, AUD: 2, CAD: 2 };

export function minorDigits(currency: Currency): number {
  return MINOR_DIGITS[currency];
}

export type PricedLine = { quantity: number; unit_price_cents: number };

export function lineTotalCents(line: PricedLine): number {
  return line.quantity * line.unit_price_cents;
}

export function orderTotalCents(lines: readonly PricedLine[]): number {
  return lines.reduce((sum, line) => sum + lineTotalCents(line), 0);
}

export function unitCount(lines: readonly { quantity: number }[]): number {
  return lines.reduce((sum, line) => sum + line.quantity, 0);
}

/**
 * "1,299.00" / "1299" / "0.5" → minor units, exactly. Returns null for anything that is not a
 * plain non-negative decimal with at most the currency's minor digits.
 */
export function parseMajorToMinor(text: string, currency: Currency): number | null {
  const digits = minorDigits(currency);
  const cleaned = text.trim().replace(/,/g, '');
  const pattern = digits === 0 ? /^(\d+)$/ : new RegExp(`^(\\d+)(?:\\.(\\d{0,${digits}}))?$`);
  const match = pattern.exec(cleaned);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(digits, '0');
  const minor = Number(whole + fraction);
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Minor units → "1299.00" without grouping, for form inputs. */
export function minorToMajorString(minor: number, currency: Currency): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const abs = Math.abs(minor).toString().padStart(digits + 1, '0');
  const body = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return negative ? `-${body}` : body;
}

const formatters = new Map<string, Intl.NumberFormat>();

/** Minor units → "$1,299.00". Intl formats the exact decimal string, never a float division. */
export function formatMoney(minor: number, currency: Currency, locale = 'en-US'): string {
  const key = `${locale}:${currency}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, formatter);
  }
  // Intl accepts a decimal string; this keeps amounts above 2^53 / 100 exact as well.
  return formatter.format(minorToMajorString(minor, currency) as unknown as number);
}
