import { json, readJson } from '@/lib/api/responses';
import { startLibraryQuery } from '@/lib/queries/executions';
import { handleQueries } from '@/lib/queries/http';

export const POST = handleQueries(async (request: Request) => {
  const executionId = await startLibraryQuery(await readJson(request));
  return json({ execution_id: executionId }, 200, { location: `/api/queries/executions/${executionId}` });
});
