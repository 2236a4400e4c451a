import 'server-only';
import { z } from 'zod';
import { parseWith, searchParamsObject } from '@/lib/api/responses';

/** Ids in route segments: Athena's named-query and execution ids (UUIDs locally and on AWS). */
const idParams = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Not a valid id'),
});

export type IdContext = { params: Promise<{ id: string }> };

export async function routeId(context: IdContext): Promise<string> {
  return parseWith(idParams, await context.params).id;
}

const resultsQuery = z.object({
  next_token: z.string().min(1).max(1024, 'next_token is too long').optional(),
  page_size: z.coerce.number().int().min(1, 'page_size must be 1-1000').max(1000, 'page_size must be 1-1000').optional(),
});

export function parseResultsQuery(url: string) {
  return parseWith(resultsQuery, searchParamsObject(url));
}
