import { json, readJson } from '@/lib/api/responses';
import { checkQuery } from '@/lib/queries/estimate';
import { handleQueries } from '@/lib/queries/http';

export const POST = handleQueries(async (request: Request) => json(await checkQuery(await readJson(request))));
