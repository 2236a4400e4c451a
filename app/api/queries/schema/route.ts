import { json } from '@/lib/api/responses';
import { handleQueries } from '@/lib/queries/http';
import { listSchemaTables } from '@/lib/queries/schema-browser';

export const GET = handleQueries(async () => json({ tables: await listSchemaTables() }));
