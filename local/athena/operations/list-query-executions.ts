import type { Operation } from '../context';
import { pageByKey } from '../tokens';
import { LIMITS, optionalInteger, optionalString } from '../validate';

/** ListQueryExecutions: ids of a workgroup's queries, newest first, up to 50 a page. */
export const listQueryExecutions: Operation = ({ executions, workGroups }, input) => {
  const maxResults = optionalInteger(input, 'MaxResults', { min: 0, max: 50 }) ?? 50;
  const nextToken = optionalString(input, 'NextToken', LIMITS.nextToken);
  const workGroup = workGroups.resolve(optionalString(input, 'WorkGroup', LIMITS.workGroup));
  const { page, nextToken: next } = pageByKey(executions.list(workGroup.name), {
    keyOf: (r) => r.sequence,
    descending: true,
    maxResults,
    nextToken,
    scope: `executions:${workGroup.name}`,
  });
  return { QueryExecutionIds: page.map((r) => r.id), ...(next ? { NextToken: next } : {}) };
};
