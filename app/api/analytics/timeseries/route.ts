import { handle, json } from '@/lib/api/responses';
import { getTimeseries } from '@/lib/analytics/dashboard';
import { analyticsErrors, rangeFromRequest } from '@/lib/analytics/http';

/** Revenue, orders and AOV per hour/day/week/month (chosen from the range), every bucket present. */
export const GET = handle(async (request: Request) => json(await getTimeseries(rangeFromRequest(request))), { mapError: analyticsErrors });
