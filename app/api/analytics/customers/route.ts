import { handle, json } from '@/lib/api/responses';
import { getTopCustomers } from '@/lib/analytics/dashboard';
import { analyticsErrors, rangeFromRequest } from '@/lib/analytics/http';

/** The ten customers with the most revenue in the range. */
export const GET = handle(async (request: Request) => json(await getTopCustomers(rangeFromRequest(request))), { mapError: analyticsErrors });
