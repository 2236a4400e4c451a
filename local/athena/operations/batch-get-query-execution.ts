import type { Operation } from '../context';
import { LIMITS, stringList } from '../validate';

/** BatchGetQueryExecution: up to 50 queries at once; unknown ids come back as unprocessed. */
export const batchGetQueryExecution: Operation = ({ executions }, input) => {
  const ids = stringList(input, 'QueryExecutionIds', {
    required: true,
    minItems: 1,
    maxItems: 50,
    item: LIMITS.id,
  }) as string[];
  const found: Record<string, unknown>[] = [];
  const unprocessed: Record<string, unknown>[] = [];
  for (const id of new Set(ids)) {
    const record = executions.get(id);
    if (record) found.push(executions.describe(record));
    else
      unprocessed.push({
        QueryExecutionId: id,
        ErrorCode: 'INVALID_INPUT',
        ErrorMessage: `QueryExecution ${id} was not found`,
      });
  }
  return { QueryExecutions: found, UnprocessedQueryExecutionIds: unprocessed };
};
