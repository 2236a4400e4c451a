import 'server-only';
import { errorResponse, json } from '@/lib/api/responses';
import {
  AthenaRejected,
  AthenaUnavailable,
  BuiltInQueryReadOnly,
  ExecutionNotFound,
  ResultsNotReady,
  SavedQueryNotFound,
} from './errors';

/** The library's named errors as HTTP answers; everything else goes to the shared mapping. */
export function queryErrorResponse(error: unknown): Response {
  if (error instanceof SavedQueryNotFound || error instanceof ExecutionNotFound)
    return json({ error: 'not_found', message: error.message }, 404);
  if (error instanceof BuiltInQueryReadOnly) return json({ error: 'built_in', message: error.message }, 409);
  if (error instanceof ResultsNotReady) return json({ error: 'not_ready', message: error.message }, 409);
  if (error instanceof AthenaRejected) return json({ error: 'athena', message: error.message }, 400);
  if (error instanceof AthenaUnavailable) {
    const cause = error.cause as Error | undefined;
    console.error('[api] athena unavailable:', cause?.name, cause?.message);
    return json({ error: 'unavailable', message: error.message }, 503, { 'retry-after': '2' });
  }
  return errorResponse(error);
}

/** Wraps a route handler so every thrown error is mapped, never leaked. */
export function handleQueries<A extends unknown[]>(fn: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await fn(...args);
    } catch (error) {
      return queryErrorResponse(error);
    }
  };
}
