import { handle, json, readJson } from '@/lib/api/responses';
import { startLibraryQuery } from '@/lib/queries/executions';
import { queryErrors } from '@/lib/queries/http';

export const POST = handle(async (request: Request, _context, caller) => {
  const executionId = await startLibraryQuery(await readJson(request), caller);
  return json({ execution_id: executionId }, 200, { location: `/api/queries/executions/${executionId}` });
}, { mapError: queryErrors });
