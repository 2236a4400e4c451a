import { handle } from '@/lib/api/responses';
import { readAllResultPages } from '@/lib/analytics/runner';
import { callAthena } from '@/lib/queries/athena-errors';
import { readAhead, streamCsv } from '@/lib/queries/csv';
import { requireSucceeded } from '@/lib/queries/executions';
import { queryErrors } from '@/lib/queries/http';
import { routeId, type IdContext } from '@/lib/queries/route-params';

/** Every row of every result page, streamed: memory holds one page (1,000 rows) at a time. */
export const GET = handle(async (_request: Request, context: IdContext) => {
  const id = await routeId(context);
  await requireSucceeded(id);
  const pages = readAllResultPages(id);
  // Read the first page before answering, so a failure is a JSON error, not a truncated file.
  const first = await callAthena(() => pages.next());
  async function* all() {
    if (!first.done) yield first.value;
    yield* pages;
  }
  return new Response(streamCsv(readAhead(all())), {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="query-${id}.csv"`,
      'cache-control': 'no-store',
    },
  });
}, { mapError: queryErrors });
