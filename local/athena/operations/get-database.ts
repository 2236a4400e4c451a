import type { Operation } from '../context';
import { listDatabaseMetadata, requireCatalog, requireDatabase } from './catalog-metadata';

/** GetDatabase: one database of the data catalog, or MetadataException. */
export const getDatabase: Operation = (_context, input) => {
  requireCatalog(input);
  const name = requireDatabase(input);
  return { Database: listDatabaseMetadata().find((d) => d.Name === name) };
};
