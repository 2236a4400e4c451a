import type { Operation } from '../context';
import { matchesShowPattern } from '../sql/statement';
import { pageByKey } from '../tokens';
import { LIMITS, optionalInteger, optionalString } from '../validate';
import { listTableMetadataOf, requireCatalog, requireDatabase } from './catalog-metadata';

/**
 * ListTableMetadata: tables and views of a database with their columns, up to 50 a page.
 * Expression filters names the way Glue does (`*` matches anything, `|` separates alternatives).
 */
export const listTableMetadata: Operation = (_context, input) => {
  const catalogName = requireCatalog(input);
  const database = requireDatabase(input);
  const expression = optionalString(input, 'Expression', { min: 0, max: 256 });
  const maxResults = optionalInteger(input, 'MaxResults', { min: 1, max: 50 }) ?? 50;
  const nextToken = optionalString(input, 'NextToken', LIMITS.nextToken);
  optionalString(input, 'WorkGroup', LIMITS.workGroup);
  const tables = listTableMetadataOf(database)
    .filter((t) => matchesShowPattern(t.Name, expression || undefined))
    .map((table, i) => ({ table, i }));
  const { page, nextToken: next } = pageByKey(tables, {
    keyOf: (t) => t.i,
    descending: false,
    maxResults,
    nextToken,
    scope: `tables:${catalogName.toLowerCase()}.${database}:${expression ?? ''}`,
  });
  return { TableMetadataList: page.map((t) => t.table), ...(next ? { NextToken: next } : {}) };
};
