import { json, readJson } from '@/lib/api/responses';
import { handleQueries } from '@/lib/queries/http';
import { deleteSavedQuery, getSavedQuery, updateSavedQuery } from '@/lib/queries/library';
import { routeId, type IdContext } from '@/lib/queries/route-params';

export const GET = handleQueries(async (_request: Request, context: IdContext) =>
  json(await getSavedQuery(await routeId(context))),
);

export const PUT = handleQueries(async (request: Request, context: IdContext, caller) => {
  const id = await routeId(context);
  return json(await updateSavedQuery(id, await readJson(request), caller));
});

export const DELETE = handleQueries(async (_request: Request, context: IdContext, caller) => {
  await deleteSavedQuery(await routeId(context), caller);
  return new Response(null, { status: 204 });
});
