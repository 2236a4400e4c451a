import { handle, json, readJson } from '@/lib/api/responses';
import { queryErrors } from '@/lib/queries/http';
import { deleteSavedQuery, getSavedQuery, updateSavedQuery } from '@/lib/queries/library';
import { routeId, type IdContext } from '@/lib/queries/route-params';

export const GET = handle(async (_request: Request, context: IdContext) =>
  json(await getSavedQuery(await routeId(context))),
  { mapError: queryErrors },
);

export const PUT = handle(async (request: Request, context: IdContext, caller) => {
  const id = await routeId(context);
  return json(await updateSavedQuery(id, await readJson(request), caller));
}, { mapError: queryErrors });

export const DELETE = handle(async (_request: Request, context: IdContext, caller) => {
  await deleteSavedQuery(await routeId(context), caller);
  return new Response(null, { status: 204 });
}, { mapError: queryErrors });
