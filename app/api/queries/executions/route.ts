import { json, searchParamsObject } from '@/lib/api/responses';
import { listHistory } from '@/lib/queries/executions';
import { handleQueries } from '@/lib/queries/http';

export const GET = handleQueries(async (request, _context, caller) =>
  json({ items: await listHistory(caller, searchParamsObject(request.url)) }),
);
