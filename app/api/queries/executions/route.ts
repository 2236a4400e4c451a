import { handle, json, searchParamsObject } from '@/lib/api/responses';
import { listHistory } from '@/lib/queries/executions';
import { queryErrors } from '@/lib/queries/http';

export const GET = handle(async (request, _context, caller) =>
  json({ items: await listHistory(caller, searchParamsObject(request.url)) }),
  { mapError: queryErrors },
);
