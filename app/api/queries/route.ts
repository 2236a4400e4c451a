import { json, readJson } from '@/lib/api/responses';
import { handleQueries } from '@/lib/queries/http';
import { createSavedQuery, listSavedQueries } from '@/lib/queries/library';

export const GET = handleQueries(async () => json({ items: await listSavedQueries() }));

export const POST = handleQueries(async (request: Request) => {
  const query = await createSavedQuery(await readJson(request));
  return json(query, 201, { location: `/api/queries/${query.id}` });
});
