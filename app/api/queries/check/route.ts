import { handle, json, readJson } from '@/lib/api/responses';
import { checkQuery } from '@/lib/queries/estimate';
import { queryErrors } from '@/lib/queries/http';

export const POST = handle(async (request: Request) => json(await checkQuery(await readJson(request))), { mapError: queryErrors });
