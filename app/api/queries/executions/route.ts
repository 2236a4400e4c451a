import { json } from '@/lib/api/responses';
import { listHistory } from '@/lib/queries/executions';
import { handleQueries } from '@/lib/queries/http';

export const GET = handleQueries(async () => json({ items: await listHistory() }));
