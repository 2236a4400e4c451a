import { handle, json } from '@/lib/api/responses';
import { queryErrors } from '@/lib/queries/http';
import { listSchemaTables } from '@/lib/queries/schema-browser';

export const GET = handle(async () => json({ tables: await listSchemaTables() }), { mapError: queryErrors });
