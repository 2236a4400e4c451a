import { invalidRequest } from './errors';

/** Opaque pagination tokens: base64url JSON, checked on the way back in. */

export function encodeToken(payload: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeToken<T>(token: string, isValid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  if (!isValid(value))
    throw invalidRequest('The NextToken is not valid; pass the NextToken of the previous response unchanged');
  return value;
}

/**
 * One page of a list ordered by a numeric key (creation sequence). The token remembers the last
 * key returned, so items added or removed between calls never shift later pages.
 */
export function pageByKey<T>(
  items: readonly T[],
  options: {
    keyOf: (item: T) => number;
    descending: boolean;
    maxResults: number;
    nextToken: string | undefined;
    scope: string;
  },
) {
  const { keyOf, descending, maxResults, nextToken, scope } = options;
  const sorted = [...items].sort((a, b) => (descending ? keyOf(b) - keyOf(a) : keyOf(a) - keyOf(b)));
  let rest = sorted;
  if (nextToken) {
    const { after } = decodeToken(nextToken, (v): v is { scope: string; after: number } => {
      const t = v as { scope?: unknown; after?: unknown } | null | undefined;
      return typeof t === 'object' && t !== null && t.scope === scope && typeof t.after === 'number';
    });
    rest = sorted.filter((item) => (descending ? keyOf(item) < after : keyOf(item) > after));
  }
  const page = rest.slice(0, maxResults);
  const last = page.at(-1);
  return {
    page,
    nextToken:
      rest.length > maxResults && last !== undefined ? encodeToken({ scope, after: keyOf(last) }) : undefined,
  };
}
