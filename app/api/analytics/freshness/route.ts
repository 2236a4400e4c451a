import { handle, json } from '@/lib/api/responses';
import { analyticsErrors, rangeFromRequest } from '@/lib/analytics/http';
import { getReconciliation } from '@/lib/analytics/reconcile';

/** as_of (last change delivered to S3) and what DynamoDB holds for the range that Athena does not yet. */
export const GET = handle(async (request: Request) => json(await getReconciliation(rangeFromRequest(request))), { mapError: analyticsErrors });
