import 'server-only';
import { json } from '@/lib/api/responses';
import {
  AthenaRejected,
  AthenaUnavailable,
  BuiltInQueryReadOnly,
  ExecutionNotFound,
  ResultsNotReady,
  SavedQueryNameTaken,
  SavedQueryNotFound,
} from './errors';

/** For handle()'s mapError: the library's named errors as HTTP answers; undefined leaves the rest to the shared mapping. */
export function queryErrors(error: unknown): Response | undefined {
  if (error instanceof SavedQueryNotFound || error instanceof ExecutionNotFound)
    return json({ error: 'not_found', message: error.message }, 404);
  if (error instanceof BuiltInQueryReadOnly) return json({ error: 'built_in', message: error.message }, 409);
  if (error instanceof SavedQueryNameTaken) {
    return json({ error: 'name_taken', message: error.message, issues: [{ path: 'name', message: error.message }] }, 409);
  }
  if (error instanceof ResultsNotReady) return json({ error: 'not_ready', message: error.message }, 409);
  if (error instanceof AthenaRejected) return json({ error: 'athena', message: error.message }, 400);
  if (error instanceof AthenaUnavailable) {
    const cause = error.cause as Error | undefined;
    console.error('[api] athena unavailable:', cause?.name, cause?.message);
    return json({ error: 'unavailable', message: error.message }, 503, { 'retry-after': '2' });
  }
  return undefined;
}
