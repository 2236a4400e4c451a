import type { FeedEvent } from './feed-model';

/** One line of the OLD → NEW table; `path` reads like the diff's (`items[0].quantity`). */
export type FieldRow = {
  path: string;
  kind: 'changed' | 'added' | 'removed' | 'same';
  old?: unknown;
  new?: unknown;
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function collectLeaves(path: string, value: unknown, out: Map<string, unknown>): void {
  if (isObject(value) && Object.keys(value).length) {
    for (const [key, v] of Object.entries(value)) collectLeaves(path ? `${path}.${key}` : key, v, out);
  } else if (Array.isArray(value) && value.length) {
    value.forEach((v, i) => collectLeaves(`${path}[${i}]`, v, out));
  } else out.set(path, value);
}

/** True when `path` is `prefix` or lies inside it (`items[1]` covers `items[1].sku`). */
const within = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/**
 * Every field of the record as OLD → NEW rows: the diff's entries as they are, then the fields that
 * did not change, all sorted by path so an order reads top to bottom like the document.
 */
export function fieldRows(event: FeedEvent): FieldRow[] {
  const rows: FieldRow[] = event.diff.map((d) =>
    d.kind === 'changed'
      ? { path: d.path, kind: 'changed', old: d.old, new: d.new }
      : d.kind === 'added'
        ? { path: d.path, kind: 'added', new: d.new }
        : { path: d.path, kind: 'removed', old: d.old },
  );
  const leaves = new Map<string, unknown>();
  collectLeaves('', event.newImage ?? event.oldImage ?? {}, leaves);
  for (const [path, value] of leaves) {
    if (!rows.some((r) => within(path, r.path))) rows.push({ path, kind: 'same', old: value, new: value });
  }
  return rows.sort((a, b) => comparePaths(a.path, b.path));
}

/** Sorts `items[2]` before `items[10]`: numbers inside brackets compare as numbers. */
export function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** How a leaf value reads in the table: strings bare, everything else as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
