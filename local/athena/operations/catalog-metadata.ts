import { changeTable, currentView, legacyChangeTable } from '@/lib/analytics/catalog';
import { errorTable } from '@/lib/analytics/error-table';
import { catalog } from '@/lib/resources';
import { AthenaApiError } from '../errors';
import { DATABASES } from '../engine/engine';
import { LIMITS, requiredString, type Input } from '../validate';

/**
 * Glue Data Catalog metadata as Athena's ListDatabases/ListTableMetadata/GetTableMetadata give it,
 * from the one catalog definition (lib/analytics/catalog.ts). The view's columns are the change
 * table's own (it selects them unchanged; `last_change_time` is `change_time`).
 */

const DATA_CATALOG = 'AwsDataCatalog';

export type DatabaseMetadata = { Name: string; Description?: string; Parameters?: Record<string, string> };

export type TableMetadata = {
  Name: string;
  TableType: 'EXTERNAL_TABLE' | 'VIRTUAL_VIEW';
  Columns: { Name: string; Type: string }[];
  PartitionKeys: { Name: string; Type: string }[];
  Parameters: Record<string, string>;
};

/** Athena answers catalog lookups it cannot satisfy with MetadataException. */
export function metadataError(message: string): AthenaApiError {
  return new AthenaApiError('MetadataException', message);
}

const DESCRIPTIONS: Record<string, string> = {
  default: 'Default database',
  [catalog.database]: 'Sales order change data capture (DynamoDB → Kinesis → Firehose → S3)',
};

export function listDatabaseMetadata(): DatabaseMetadata[] {
  return DATABASES.map((name) => ({ Name: name, Description: DESCRIPTIONS[name], Parameters: {} }));
}

const changeTypes = new Map<string, string>(changeTable.columns.map((c) => [c.name, c.glue]));

export function listTableMetadataOf(database: string): TableMetadata[] {
  if (database !== catalog.database) return [];
  const table = (t: typeof changeTable | typeof legacyChangeTable): TableMetadata => ({
    Name: t.name,
    TableType: 'EXTERNAL_TABLE',
    Columns: t.columns.map((c) => ({ Name: c.name, Type: c.glue })),
    PartitionKeys: [{ Name: t.partition.name, Type: t.partition.glue }],
    Parameters: { classification: t.format, location: `s3://${t.bucket}/${t.prefix}` },
  });
  return [
    table(changeTable),
    table(legacyChangeTable),
    {
      Name: currentView.name,
      TableType: 'VIRTUAL_VIEW',
      Columns: currentView.columns.map((name) => ({
        Name: name,
        Type: changeTypes.get(name === 'last_change_time' ? 'change_time' : name) ?? 'string',
      })),
      PartitionKeys: [],
      Parameters: { comment: 'Current state per order: latest change, REMOVE excluded' },
    },
    errorTableMetadata(),
  ];
}

/** `order_change_errors` (lib/analytics/error-table.ts): Firehose's failed records. */
function errorTableMetadata(): TableMetadata {
  return {
    Name: errorTable.name,
    TableType: 'EXTERNAL_TABLE',
    Columns: errorTable.columns.map((c) => ({ Name: c.name, Type: c.glue })),
    PartitionKeys: errorTable.partitions.map((c) => ({ Name: c.name, Type: c.glue })),
    Parameters: { classification: errorTable.format, location: `s3://${errorTable.bucket}/${errorTable.prefix}` },
  };
}

/** The CatalogName member, which must name the one data catalog (case-insensitive, as Athena). */
export function requireCatalog(input: Input): string {
  const name = requiredString(input, 'CatalogName', LIMITS.catalog);
  if (name.toLowerCase() !== DATA_CATALOG.toLowerCase())
    throw metadataError(`Catalog ${name} is not found. The local Athena has one data catalog: ${DATA_CATALOG}.`);
  return name;
}

/** The DatabaseName member of a database that exists. */
export function requireDatabase(input: Input): string {
  const name = requiredString(input, 'DatabaseName', LIMITS.database).toLowerCase();
  if (!(DATABASES as readonly string[]).includes(name)) throw metadataError(`Database ${name} is not found.`);
  return name;
}
