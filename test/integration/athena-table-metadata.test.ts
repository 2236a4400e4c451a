import {
  GetDatabaseCommand,
  GetTableMetadataCommand,
  ListDatabasesCommand,
  ListTableMetadataCommand,
} from '@aws-sdk/client-athena';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANGE_ROW_COLUMNS } from '@/lib/cdc/change-row';
import { removeDataDir, startAthenaHarness, type AthenaHarness } from '@/test/support/athena';

let athena: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the call should fail'),
    (error: Error & { $metadata?: { httpStatusCode?: number } }) => ({
      name: error.name,
      message: error.message,
      status: error.$metadata?.httpStatusCode,
    }),
  );

describe('ListDatabases and GetDatabase', () => {
  it('lists the data catalog databases, paging with NextToken', async () => {
    const all = await athena.client.send(new ListDatabasesCommand({ CatalogName: 'AwsDataCatalog' }));
    expect(all.DatabaseList?.map((d) => d.Name)).toEqual(['default', 'sales_cdc']);
    const first = await athena.client.send(new ListDatabasesCommand({ CatalogName: 'awsdatacatalog', MaxResults: 1 }));
    expect(first.DatabaseList?.map((d) => d.Name)).toEqual(['default']);
    const second = await athena.client.send(
      new ListDatabasesCommand({ CatalogName: 'AwsDataCatalog', MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.DatabaseList?.map((d) => d.Name)).toEqual(['sales_cdc']);
    expect(second.NextToken).toBeUndefined();
  });

  it('gets one database and refuses unknown catalogs and databases with MetadataException', async () => {
    const { Database } = await athena.client.send(
      new GetDatabaseCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc' }),
    );
    expect(Database?.Name).toBe('sales_cdc');
    expect(await failure(athena.client.send(new GetDatabaseCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'nope' })))).toMatchObject({
      name: 'MetadataException',
      status: 400,
      message: 'Database nope is not found.',
    });
    expect(await failure(athena.client.send(new ListDatabasesCommand({ CatalogName: 'other' })))).toMatchObject({
      name: 'MetadataException',
      message: expect.stringContaining('Catalog other is not found'),
    });
  });
});

describe('ListTableMetadata and GetTableMetadata', () => {
  it('lists the change table with its dt partition and the current-state view with typed columns', async () => {
    const { TableMetadataList: tables } = await athena.client.send(
      new ListTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc' }),
    );
    expect(tables?.map((t) => [t.Name, t.TableType])).toEqual([
      ['order_changes', 'EXTERNAL_TABLE'],
      ['order_changes_v1', 'EXTERNAL_TABLE'],
      ['orders_current', 'VIRTUAL_VIEW'],
      ['order_change_errors', 'EXTERNAL_TABLE'],
    ]);
    const changes = tables?.[0];
    expect(changes?.Columns?.map((c) => c.Name)).toEqual(CHANGE_ROW_COLUMNS.map((c) => c.name));
    expect(changes?.PartitionKeys).toEqual([{ Name: 'dt', Type: 'string' }]);
    const view = tables?.find((t) => t.Name === 'orders_current');
    expect(view?.Columns).toContainEqual({ Name: 'total_cents', Type: 'bigint' });
    expect(view?.Columns).toContainEqual({ Name: 'order_date', Type: 'timestamp' });
    expect(view?.Columns).toContainEqual({ Name: 'last_change_time', Type: 'timestamp' });
    expect(view?.PartitionKeys).toEqual([]);
  });

  it('filters by Expression and pages', async () => {
    const filtered = await athena.client.send(
      new ListTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc', Expression: 'orders*' }),
    );
    expect(filtered.TableMetadataList?.map((t) => t.Name)).toEqual(['orders_current']);
    const first = await athena.client.send(
      new ListTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc', MaxResults: 1 }),
    );
    expect(first.TableMetadataList).toHaveLength(1);
    const second = await athena.client.send(
      new ListTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc', MaxResults: 1, NextToken: first.NextToken }),
    );
    expect(second.TableMetadataList?.map((t) => t.Name)).toEqual(['order_changes_v1']);
    const empty = await athena.client.send(new ListTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'default' }));
    expect(empty.TableMetadataList).toEqual([]);
  });

  it('gets one table, and answers MetadataException for an unknown one and a validation error for a missing name', async () => {
    const { TableMetadata } = await athena.client.send(
      new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc', TableName: 'ORDERS_CURRENT' }),
    );
    expect(TableMetadata?.Name).toBe('orders_current');
    expect(
      await failure(athena.client.send(new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc', TableName: 'nope' }))),
    ).toMatchObject({ name: 'MetadataException', message: 'Table nope is not found in database sales_cdc.' });
    expect(
      await failure(athena.client.send(new GetTableMetadataCommand({ CatalogName: 'AwsDataCatalog', DatabaseName: 'sales_cdc' } as never))),
    ).toMatchObject({ name: 'InvalidRequestException', message: expect.stringContaining("at 'tableName' failed to satisfy constraint: Member must not be null") });
  });
});
