import 'server-only';
import { json, parseWith, searchParamsObject } from '@/lib/api/responses';
import { AthenaQueryFailed, AthenaQueryTimeout } from './runner';
import { toRange, type AnalyticsRange } from './range';
import { rangeQuerySchema } from './range-schema';

/** The range of an analytics request's query string; a ValidationError (400) when it is bad. */
export function rangeFromRequest(request: Request): AnalyticsRange {
  return toRange(parseWith(rangeQuerySchema, searchParamsObject(request.url)));
}

/** True for failures that mean Athena (or the facade) is not usable now, not a bad request. */
function isAthenaUnavailable(error: unknown): boolean {
  if (error instanceof AthenaQueryFailed || error instanceof AthenaQueryTimeout) return true;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $service?: string } | null;
  if (!e || typeof e !== 'object') return false;
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND'].includes(e.code ?? '')) return true;
  return ['TooManyRequestsException', 'InternalServerException', 'TimeoutError'].includes(e.name ?? '') ||
    (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/**
 * For handle()'s mapError: Athena failures as 503 with a safe message. The execution id is kept
 * for the logs; the SQL and the engine's text never reach the client.
 */
export function analyticsErrors(error: unknown): Response | undefined {
  if (!isAthenaUnavailable(error)) return undefined;
  const id = error instanceof AthenaQueryFailed ? error.executionId : undefined;
  console.error('[analytics] query failed:', id ?? '', (error as Error).name, (error as Error).message);
  return json(
    { error: 'analytics_unavailable', message: 'The analytics query could not run right now. Try again in a moment.' },
    503,
    { 'retry-after': '5' },
  );
}
