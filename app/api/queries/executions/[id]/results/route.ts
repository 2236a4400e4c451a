import { handle, json } from '@/lib/api/responses';
import { getExecutionResults } from '@/lib/queries/executions';
import { queryErrors } from '@/lib/queries/http';
import { parseResultsQuery, routeId, type IdContext } from '@/lib/queries/route-params';

export const GET = handle(async (request: Request, context: IdContext) => {
  const id = await routeId(context);
  const { next_token, page_size } = parseResultsQuery(request.url);
  const page = await getExecutionResults(id, next_token, page_size);
  return json({ columns: page.columns, rows: page.rows, next_token: page.nextToken ?? null });
}, { mapError: queryErrors });
