import type { Operation } from '../context';
import { invalidRequest } from '../errors';
import { LIMITS, requiredString } from '../validate';

/**
 * StopQueryExecution: a queued query is dropped from the queue, a running one is interrupted in
 * DuckDB; both end CANCELLED. Stopping a finished query succeeds and changes nothing.
 */
export const stopQueryExecution: Operation = ({ executions }, input) => {
  const id = requiredString(input, 'QueryExecutionId', LIMITS.id);
  if (!executions.get(id)) throw invalidRequest(`QueryExecution ${id} was not found`);
  executions.stop(id);
  return {};
};
