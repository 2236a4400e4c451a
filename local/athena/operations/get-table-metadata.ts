import type { Operation } from '../context';
import { LIMITS, requiredString } from '../validate';
import { listTableMetadataOf, metadataError, requireCatalog, requireDatabase } from './catalog-metadata';

/** GetTableMetadata: one table or view with its columns, or MetadataException. */
export const getTableMetadata: Operation = (_context, input) => {
  requireCatalog(input);
  const database = requireDatabase(input);
  const name = requiredString(input, 'TableName', { min: 1, max: LIMITS.database.max }).toLowerCase();
  const table = listTableMetadataOf(database).find((t) => t.Name === name);
  if (!table) throw metadataError(`Table ${name} is not found in database ${database}.`);
  return { TableMetadata: table };
};
