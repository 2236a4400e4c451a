import { handle, json } from '@/lib/api/responses';
import { getExecutionStatus } from '@/lib/queries/executions';
import { queryErrors } from '@/lib/queries/http';
import { routeId, type IdContext } from '@/lib/queries/route-params';

export const GET = handle(async (_request: Request, context: IdContext) =>
  json(await getExecutionStatus(await routeId(context))),
  { mapError: queryErrors },
);
