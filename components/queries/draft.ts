import type { ParamType } from '@/lib/queries/metadata';
import { paramTypesFor } from '@/lib/queries/parameters';
import { countPlaceholders } from '@/lib/queries/sql-tokens';
import type { SavedQuery, SavedQueryDraft } from './api';

/** The editor's working copy of a query, and how it maps to and from the API. */

export type Draft = {
  name: string;
  description: string;
  folder: string;
  tags: string;
  sql: string;
  paramTypes: ParamType[];
};

export const EMPTY_DRAFT: Draft = { name: '', description: '', folder: '', tags: '', sql: '', paramTypes: [] };

export function draftOf(query: SavedQuery): Draft {
  return {
    name: query.name,
    description: query.description,
    folder: query.folder ?? '',
    tags: query.tags.join(', '),
    sql: query.sql,
    paramTypes: query.param_types,
  };
}

export function toRequest(draft: Draft): SavedQueryDraft {
  return {
    name: draft.name,
    description: draft.description,
    sql: draft.sql,
    folder: draft.folder,
    tags: draft.tags.split(/[,\s]+/).map((t) => t.trim()).filter(Boolean),
    param_types: paramTypesFor(countPlaceholders(draft.sql), draft.paramTypes),
  };
}

export function isDirty(draft: Draft, saved: SavedQuery | undefined): boolean {
  if (!saved) return draft.sql.trim() !== '' || draft.name.trim() !== '';
  const a = toRequest(draft);
  const b = toRequest(draftOf(saved));
  return JSON.stringify(a) !== JSON.stringify(b);
}

/** A free "<name> (copy)" name for a duplicate. */
export function copyName(name: string, taken: readonly string[]): string {
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  const base = `${name} (copy)`.slice(0, 128);
  if (!lower.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${name.slice(0, 115)} (copy ${i})`;
    if (!lower.has(candidate.toLowerCase())) return candidate;
  }
}

/** Field errors by the form field they belong to (`tags.2` → `tags`). */
export function fieldErrorsOf(issues: { path: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path.split('.')[0] || 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** Parameter values for the share URL and back. */
export function shareUrl(origin: string, id: string | null, values: readonly string[]): string {
  const params = new URLSearchParams();
  if (id) params.set('id', id);
  for (const value of values) params.append('p', value);
  const query = params.toString();
  return `${origin}/queries${query ? `?${query}` : ''}`;
}
