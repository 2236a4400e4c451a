import type { Operation } from '../context';
import { pageByKey } from '../tokens';
import { LIMITS, optionalInteger, optionalString } from '../validate';

/** ListNamedQueries: ids of a workgroup's named queries, oldest first, up to 50 a page. */
export const listNamedQueries: Operation = ({ namedQueries, workGroups }, input) => {
  const maxResults = optionalInteger(input, 'MaxResults', { min: 0, max: 50 }) ?? 50;
  const nextToken = optionalString(input, 'NextToken', LIMITS.nextToken);
  const workGroup = workGroups.resolve(optionalString(input, 'WorkGroup', LIMITS.workGroup));
  const { page, nextToken: next } = pageByKey(namedQueries.list(workGroup.name), {
    keyOf: (q) => q.sequence,
    descending: false,
    maxResults,
    nextToken,
    scope: `named-queries:${workGroup.name}`,
  });
  return { NamedQueryIds: page.map((q) => q.query.NamedQueryId), ...(next ? { NextToken: next } : {}) };
};
