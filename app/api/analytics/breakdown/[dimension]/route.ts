import { z } from 'zod';
import { handle, json, parseWith } from '@/lib/api/responses';
import { getBreakdown } from '@/lib/analytics/dashboard';
import { analyticsErrors, rangeFromRequest } from '@/lib/analytics/http';
import { BREAKDOWNS } from '@/lib/analytics/queries';

type Context = { params: Promise<{ dimension: string }> };

const dimensionParams = z.object({
  dimension: z.enum(BREAKDOWNS, { error: `dimension must be one of ${BREAKDOWNS.join(', ')}` }),
});

/** Revenue by product, category, region or channel; value by status. */
export const GET = handle(async (request: Request, context: Context) => {
  const { dimension } = parseWith(dimensionParams, await context.params);
  return json(await getBreakdown(rangeFromRequest(request), dimension));
}, { mapError: analyticsErrors });
