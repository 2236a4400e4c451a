import { json, readJson } from '@/lib/api/responses';
import { handleQueries } from '@/lib/queries/http';
import { createSavedQuery, listSavedQueries } from '@/lib/queries/library';

export const GET = handleQueries(async () => json({ items: await listSavedQueries() }));

export const POST = handleQueries(async (request: Request, _context, caller) => {
  const query = await createSavedQuery(await readJson(request), caller);
  return json(query, 201, { location: `/api/queries/${query.id}` });
});
