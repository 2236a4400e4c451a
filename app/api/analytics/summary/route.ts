import { handle, json } from '@/lib/api/responses';
import { getSummary } from '@/lib/analytics/dashboard';
import { analyticsErrors, rangeFromRequest } from '@/lib/analytics/http';

/**
 * The contract other tools use: revenue, orders, AOV, units, pending and cancelled/refunded value
 * for `from`..`to` (inclusive days in `tz`), and as_of, the last change Athena can see.
 */
export const GET = handle(async (request: Request) => {
  const range = rangeFromRequest(request);
  const s = await getSummary(range);
  return json({
    revenue_cents: s.revenue_cents,
    orders: s.orders,
    aov_cents: s.aov_cents,
    units: s.units,
    pending_cents: s.pending_cents,
    cancelled_refunded_cents: s.cancelled_refunded_cents,
    as_of: s.as_of,
  });
}, { mapError: analyticsErrors });
