import { handle, json } from '@/lib/api/responses';

export const dynamic = 'force-dynamic';

/**
 * Liveness for the load balancer: answers while this process serves, and touches no AWS service,
 * so an outage elsewhere never makes every task "unhealthy" and replaced. /api/health is readiness.
 */
export const GET = handle(async () => json({ status: 'ok' }, 200));
