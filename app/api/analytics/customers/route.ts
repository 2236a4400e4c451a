import { json } from '@/lib/api/responses';
import { getTopCustomers } from '@/lib/analytics/dashboard';
import { handleAnalytics, rangeFromRequest } from '@/lib/analytics/http';

/** The ten customers with the most revenue in the range. */
export const GET = handleAnalytics(async (request: Request) => json(await getTopCustomers(rangeFromRequest(request))));
