import { json } from '@/lib/api/responses';
import { getTimeseries } from '@/lib/analytics/dashboard';
import { handleAnalytics, rangeFromRequest } from '@/lib/analytics/http';

/** Revenue, orders and AOV per hour/day/week/month (chosen from the range), every bucket present. */
export const GET = handleAnalytics(async (request: Request) => json(await getTimeseries(rangeFromRequest(request))));
