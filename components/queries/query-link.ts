import { NAME_MAX } from '@/lib/queries/input';
import { normalizeQueryName } from '@/lib/queries/query-name';

/**
 * Links that open the queries page on a saved query by its name. Built-ins get a new Athena id in
 * every deployment (and every local start), so other pages link to them by name; `?id=` stays the
 * share link for a query someone saved.
 */

export function savedQueryHref(name: string): string {
  return `/queries?${new URLSearchParams({ name })}`;
}

/** The `name` search parameter: one value that could be a saved query's name, else null. */
export function parseQueryNameParam(value: string | string[] | undefined): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  return name.length > 0 && name.length <= NAME_MAX ? name : null;
}

/** The query with that name as names compare (query-name.ts); a built-in over a console-made namesake. */
export function findQueryByName<T extends { name: string; built_in: boolean }>(
  queries: readonly T[],
  name: string,
): T | undefined {
  const key = normalizeQueryName(name);
  const found = queries.filter((q) => normalizeQueryName(q.name) === key);
  return found.find((q) => q.built_in) ?? found[0];
}
