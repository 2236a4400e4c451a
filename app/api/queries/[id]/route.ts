import { json, readJson } from '@/lib/api/responses';
import { handleQueries } from '@/lib/queries/http';
import { deleteSavedQuery, getSavedQuery, updateSavedQuery } from '@/lib/queries/library';
import { routeId, type IdContext } from '@/lib/queries/route-params';

export const GET = handleQueries(async (_request: Request, context: IdContext) =>
  json(await getSavedQuery(await routeId(context))),
);

export const PUT = handleQueries(async (request: Request, context: IdContext) => {
  const id = await routeId(context);
  return json(await updateSavedQuery(id, await readJson(request)));
});

export const DELETE = handleQueries(async (_request: Request, context: IdContext) => {
  await deleteSavedQuery(await routeId(context));
  return new Response(null, { status: 204 });
});
