import type { Operation } from '../context';
import { invalidRequest } from '../errors';
import { LIMITS, requiredString } from '../validate';

/** GetQueryExecution: state, timings, bytes scanned and result location of one query. */
export const getQueryExecution: Operation = ({ executions }, input) => {
  const id = requiredString(input, 'QueryExecutionId', LIMITS.id);
  const record = executions.get(id);
  if (!record) throw invalidRequest(`QueryExecution ${id} was not found`);
  return { QueryExecution: executions.describe(record) };
};
