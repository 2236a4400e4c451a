import { handle, json } from '@/lib/api/responses';
import { cancelExecution } from '@/lib/queries/executions';
import { queryErrors } from '@/lib/queries/http';
import { routeId, type IdContext } from '@/lib/queries/route-params';

/** StopQueryExecution; answers the execution's state after the stop. */
export const POST = handle(async (_request: Request, context: IdContext) =>
  json(await cancelExecution(await routeId(context))),
  { mapError: queryErrors },
);
