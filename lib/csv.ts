/**
 * CSV fields for every export the app writes (query results, the live feed), as RFC 4180 wants
 * them and safe to open in a spreadsheet. Plain module: the feed builds its CSV in the browser.
 */

/** What Excel, LibreOffice and Sheets read as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A number such a cell may still be, e.g. -12.5 or +3 or 1e-4: it stays a number. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * A cell a spreadsheet shows as text rather than evaluates: a leading `'` before anything that
 * starts like a formula, unless it is a plain number.
 */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * One field: NULL is empty; quoted only when it must be (a comma, quote or line break, or
 * whitespace at either end, which some readers trim), quotes doubled.
 */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const text = spreadsheetSafe(value);
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line of fields, CRLF-terminated. */
export function csvLine(values: readonly (string | null)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
