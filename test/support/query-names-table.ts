import { PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { NameClaimItem } from '@/lib/queries/name-claims';
import { queryNamesTable } from '@/lib/resources';
import { createAdminClient, provideTestTable } from './orders-table';

export type QueryNamesTable = {
  name: string;
  /** Every claim, read straight through the SDK, sorted by key. */
  claims: () => Promise<NameClaimItem[]>;
  /** Writes a claim as a crashed save would have left it. */
  putClaim: (item: NameClaimItem) => Promise<void>;
};

/** Gives the calling test file its own empty name-claims table and points the app at it. */
export function setupQueryNamesTable(label: string): QueryNamesTable {
  const name = `query-names-test-${label}`;
  const admin = createAdminClient();
  provideTestTable(admin, queryNamesTable, name, 'QUERY_NAMES_TABLE_NAME');

  return {
    name,
    claims: async () => {
      const { Items = [] } = await admin.send(new ScanCommand({ TableName: name, ConsistentRead: true }));
      return Items.map((item) => unmarshall(item) as NameClaimItem).sort((a, b) => a.name_key.localeCompare(b.name_key));
    },
    putClaim: async (item) => {
      await admin.send(new PutItemCommand({ TableName: name, Item: marshall(item, { removeUndefinedValues: true }) }));
    },
  };
}
