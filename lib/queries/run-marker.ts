/**
 * Athena does not record who started a query, so the library writes it into the query text:
 * the server puts one comment line of its own before the caller's SQL,
 *
 *   -- sales-cdc run by analyst
 *   SELECT …
 *
 * and only ever reads that first line. The caller's SQL always starts on the second line, so SQL
 * that contains a marker of its own (even on its first line) cannot change who ran it. The
 * username is percent-encoded outside a safe set, so it can never hold a line break that would end
 * the comment. A comment keeps the query's meaning, its `?` placeholders and the read-only guard's
 * verdict (both skip comments), and stays readable in the Athena console.
 */

export const RUN_MARKER_PREFIX = '-- sales-cdc run by ';

const SAFE = /^[A-Za-z0-9._@+-]$/;

/** UTF-8 bytes as %XX for every character outside SAFE (a lone surrogate becomes U+FFFD). */
function encodeUsername(username: string): string {
  const encoder = new TextEncoder();
  return Array.from(username, (ch) =>
    SAFE.test(ch)
      ? ch
      : Array.from(encoder.encode(ch), (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(
          '',
        ),
  ).join('');
}

/** The query string to send to Athena: the marker line, then the caller's SQL unchanged. */
export function markRunBy(sql: string, username: string): string {
  return `${RUN_MARKER_PREFIX}${encodeUsername(username)}\n${sql}`;
}

/** Characters the marker adds for this user, for keeping the whole query within Athena's limit. */
export function markerLength(username: string): number {
  return RUN_MARKER_PREFIX.length + encodeUsername(username).length + 1;
}

export type ReadMarker = {
  /** Who ran it, or null for a query the library did not start (dashboards, the Athena console). */
  runBy: string | null;
  /** The caller's SQL, without the marker line. */
  sql: string;
};

/** Reads the first line only; anything that is not exactly a marker the server writes is SQL. */
export function readRunMarker(query: string): ReadMarker {
  const newline = query.indexOf('\n');
  if (!query.startsWith(RUN_MARKER_PREFIX) || newline === -1) return { runBy: null, sql: query };
  const encoded = query.slice(RUN_MARKER_PREFIX.length, newline);
  if (!/^(?:[A-Za-z0-9._@+-]|%[0-9A-F]{2})+$/.test(encoded)) return { runBy: null, sql: query };
  let runBy: string;
  try {
    runBy = decodeURIComponent(encoded);
  } catch {
    return { runBy: null, sql: query };
  }
  // Only the encoding markRunBy writes counts, so one user has one spelling.
  if (encodeUsername(runBy) !== encoded) return { runBy: null, sql: query };
  return { runBy, sql: query.slice(newline + 1) };
}

/**
 * Engine messages point at `line L:C` of the query Athena got; with the marker line that is one
 * more than the line of the caller's SQL, so shift them back for a marked query.
 */
export function shiftReasonLines(reason: string): string {
  return reason.replace(/\bline (\d+):(\d+)/g, (whole, line: string, column: string) =>
    Number(line) > 1 ? `line ${Number(line) - 1}:${column}` : whole,
  );
}
