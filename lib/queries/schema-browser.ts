import 'server-only';
import { ListTableMetadataCommand } from '@aws-sdk/client-athena';
import { getAthenaClient } from '@/lib/aws/athena';
import { getConfig } from '@/lib/config';
import { callAthena } from './athena-errors';

/** Tables and views of the app's database with their columns, from Athena's ListTableMetadata. */

export type SchemaTable = {
  name: string;
  kind: 'table' | 'view';
  columns: { name: string; type: string; partition: boolean }[];
};

export async function listSchemaTables(): Promise<SchemaTable[]> {
  const { database } = getConfig().athena;
  const tables: SchemaTable[] = [];
  let nextToken: string | undefined;
  do {
    const page = await callAthena(() =>
      getAthenaClient().send(
        new ListTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: database, NextToken: nextToken }),
      ),
    );
    for (const t of page.TableMetadataList ?? []) {
      tables.push({
        name: t.Name ?? '',
        kind: t.TableType === 'VIRTUAL_VIEW' ? 'view' : 'table',
        columns: [
          ...(t.Columns ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '', partition: false })),
          ...(t.PartitionKeys ?? []).map((c) => ({ name: c.Name ?? '', type: c.Type ?? '', partition: true })),
        ],
      });
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return tables;
}
