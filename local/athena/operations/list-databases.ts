import type { Operation } from '../context';
import { pageByKey } from '../tokens';
import { LIMITS, optionalInteger, optionalString } from '../validate';
import { listDatabaseMetadata, requireCatalog } from './catalog-metadata';

/** ListDatabases: the data catalog's databases, up to 50 a page. */
export const listDatabases: Operation = (_context, input) => {
  const catalogName = requireCatalog(input);
  const maxResults = optionalInteger(input, 'MaxResults', { min: 1, max: 50 }) ?? 50;
  const nextToken = optionalString(input, 'NextToken', LIMITS.nextToken);
  optionalString(input, 'WorkGroup', LIMITS.workGroup);
  const databases = listDatabaseMetadata().map((database, i) => ({ database, i }));
  const { page, nextToken: next } = pageByKey(databases, {
    keyOf: (d) => d.i,
    descending: false,
    maxResults,
    nextToken,
    scope: `databases:${catalogName.toLowerCase()}`,
  });
  return { DatabaseList: page.map((d) => d.database), ...(next ? { NextToken: next } : {}) };
};
