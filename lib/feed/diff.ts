/** One leaf that differs between the old and new image; paths read like `items[0].quantity`. */
export type DiffEntry =
  | { path: string; kind: 'changed'; old: unknown; new: unknown }
  | { path: string; kind: 'added'; new: unknown }
  | { path: string; kind: 'removed'; old: unknown };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function join(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

function walk(path: string, before: unknown, after: unknown, out: DiffEntry[]): void {
  if (isObject(before) && isObject(after)) {
    // Keys sorted so the diff reads the same whatever order the images list attributes in.
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const p = join(path, key);
      if (!(key in after)) out.push({ path: p, kind: 'removed', old: before[key] });
      else if (!(key in before)) out.push({ path: p, kind: 'added', new: after[key] });
      else walk(p, before[key], after[key], out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // By index: line items keep their positions when edited, so this matches what a user changed.
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const p = join(path, i);
      if (i >= after.length) out.push({ path: p, kind: 'removed', old: before[i] });
      else if (i >= before.length) out.push({ path: p, kind: 'added', new: after[i] });
      else walk(p, before[i], after[i], out);
    }
    return;
  }
  if (!Object.is(before, after)) out.push({ path: path || '$', kind: 'changed', old: before, new: after });
}

/**
 * Field-level diff of two plain-JSON images. A missing image (INSERT has no old, REMOVE no new)
 * counts as an empty object, so every field shows as added or removed.
 */
export function diffImages(oldImage: unknown, newImage: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  walk('', oldImage ?? {}, newImage ?? {}, out);
  return out;
}
