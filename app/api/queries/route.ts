import { handle, json, readJson } from '@/lib/api/responses';
import { queryErrors } from '@/lib/queries/http';
import { createSavedQuery, listSavedQueries } from '@/lib/queries/library';

export const GET = handle(async () => json({ items: await listSavedQueries() }), { mapError: queryErrors });

export const POST = handle(async (request: Request, _context, caller) => {
  const query = await createSavedQuery(await readJson(request), caller);
  return json(query, 201, { location: `/api/queries/${query.id}` });
}, { mapError: queryErrors });
