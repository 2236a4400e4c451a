import type { Operation } from '../context';
import { pageByKey } from '../tokens';
import { ENGINE_VERSION } from '../work-groups';
import { LIMITS, optionalInteger, optionalString } from '../validate';

export const listWorkGroups: Operation = ({ workGroups }, input) => {
  const maxResults = optionalInteger(input, 'MaxResults', { min: 1, max: 50 }) ?? 50;
  const nextToken = optionalString(input, 'NextToken', LIMITS.nextToken);
  const all = workGroups.all().map((group, index) => ({ group, index }));
  const { page, nextToken: next } = pageByKey(all, {
    keyOf: (g) => g.index,
    descending: false,
    maxResults,
    nextToken,
    scope: 'work-groups',
  });
  return {
    WorkGroups: page.map(({ group }) => ({
      Name: group.name,
      State: 'ENABLED',
      Description: group.description,
      CreationTime: group.creationTime.getTime() / 1000,
      EngineVersion: ENGINE_VERSION,
    })),
    ...(next ? { NextToken: next } : {}),
  };
};
