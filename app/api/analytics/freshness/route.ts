import { json } from '@/lib/api/responses';
import { handleAnalytics, rangeFromRequest } from '@/lib/analytics/http';
import { getReconciliation } from '@/lib/analytics/reconcile';

/** as_of (last change delivered to S3) and what DynamoDB holds for the range that Athena does not yet. */
export const GET = handleAnalytics(async (request: Request) => json(await getReconciliation(rangeFromRequest(request))));
