import type { SavedQuery } from './api';

/** Grouping and search of the library list, kept apart from React so they are easy to test. */

export type Grouping = 'folder' | 'tag';

const NO_FOLDER = 'No folder';
const NO_TAG = 'Untagged';

/** Groups sorted by name, the catch-all group last; a query with several tags is in each. */
export function groupQueries(queries: readonly SavedQuery[], by: Grouping): [string, SavedQuery[]][] {
  const groups = new Map<string, SavedQuery[]>();
  const add = (key: string, q: SavedQuery) => groups.set(key, [...(groups.get(key) ?? []), q]);
  for (const q of queries) {
    if (by === 'folder') add(q.folder ?? NO_FOLDER, q);
    else if (q.tags.length === 0) add(NO_TAG, q);
    else for (const tag of q.tags) add(`#${tag}`, q);
  }
  const last = by === 'folder' ? NO_FOLDER : NO_TAG;
  return [...groups.entries()].sort(([a], [b]) => (a === last ? 1 : b === last ? -1 : a.localeCompare(b)));
}

/** Case-insensitive match on name, description, folder, tags and the SQL itself. */
export function matchesSearch(q: SavedQuery, search: string): boolean {
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return [q.name, q.description, q.folder ?? '', q.sql, ...q.tags].some((text) => text.toLowerCase().includes(needle));
}
