import { handle, json } from '@/lib/api/responses';
import { getKpis } from '@/lib/analytics/dashboard';
import { analyticsErrors, rangeFromRequest } from '@/lib/analytics/http';

/** KPI cards: the range and the previous period of the same length, with query stats. */
export const GET = handle(async (request: Request) => json(await getKpis(rangeFromRequest(request))), { mapError: analyticsErrors });
