/**
 * Athena named queries have a name, a description and SQL, but no folders, tags or parameter
 * types. The library keeps those in the first line of the description, a header readable in the
 * Athena console too:
 *
 *   library: folder=Revenue; tags=daily,revenue; params=date,date; owner=analyst; built-in
 *   Revenue of paid and shipped orders per day.
 *
 * Every part is optional. Folder names cannot contain `;`, `=` or a line break and tags are
 * lower-case words, so the header always parses back to what was written. A description without
 * the header (a query saved in the console) reads as no folder, no tags.
 */

export const PARAM_TYPES = ['string', 'number', 'date', 'boolean'] as const;
export type ParamType = (typeof PARAM_TYPES)[number];

export type QueryMetadata = {
  folder?: string;
  tags: string[];
  paramTypes: ParamType[];
  builtIn: boolean;
  /** Who saved it (the verified caller's username); queries saved before owners existed have none. */
  owner?: string;
};

export const HEADER_PREFIX = 'library:';
export const FOLDER_PATTERN = /^[^;=\n\r]+$/;
export const TAG_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export function encodeDescription(description: string, meta: QueryMetadata): string {
  const parts: string[] = [];
  if (meta.folder) parts.push(`folder=${meta.folder.trim()}`);
  if (meta.tags.length > 0) parts.push(`tags=${meta.tags.join(',')}`);
  if (meta.paramTypes.length > 0) parts.push(`params=${meta.paramTypes.join(',')}`);
  if (meta.owner) parts.push(`owner=${meta.owner}`);
  if (meta.builtIn) parts.push('built-in');
  if (parts.length === 0 && !description.startsWith(HEADER_PREFIX)) return description;
  return `${HEADER_PREFIX} ${parts.join('; ')}\n${description}`;
}

const isParamType = (value: string): value is ParamType => (PARAM_TYPES as readonly string[]).includes(value);

export function decodeDescription(stored: string | undefined): { description: string; meta: QueryMetadata } {
  const text = stored ?? '';
  const meta: QueryMetadata = { tags: [], paramTypes: [], builtIn: false };
  if (!text.startsWith(HEADER_PREFIX)) return { description: text, meta };
  const newline = text.indexOf('\n');
  const header = text.slice(HEADER_PREFIX.length, newline === -1 ? undefined : newline);
  for (const part of header.split(';').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    const key = eq === -1 ? part : part.slice(0, eq).trim();
    const value = eq === -1 ? '' : part.slice(eq + 1).trim();
    if (key === 'folder' && value) meta.folder = value;
    else if (key === 'tags') meta.tags = value.split(',').map((t) => t.trim()).filter(Boolean);
    else if (key === 'params') meta.paramTypes = value.split(',').map((t) => t.trim()).filter(isParamType);
    else if (key === 'owner' && value) meta.owner = value;
    else if (key === 'built-in') meta.builtIn = true;
  }
  return { description: newline === -1 ? '' : text.slice(newline + 1), meta };
}
