import {
  AthenaClient,
  BatchGetNamedQueryCommand,
  CreateNamedQueryCommand,
  ListNamedQueriesCommand,
} from '@aws-sdk/client-athena';
import { BUILT_IN_QUERIES, builtInDescription } from '@/lib/queries/built-in';
import { catalog } from '@/lib/resources';

/**
 * The local counterpart of infra/'s CfnNamedQuery resources: creates each built-in saved query
 * (lib/queries/built-in.ts) in the local Athena, through its API. Idempotent by name, so a
 * restart adds only what is missing and a user's own queries are never touched.
 */
export async function createBuiltInQueries(target: {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}): Promise<{ created: number; existing: number }> {
  const client = new AthenaClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials });
  try {
    const names = new Set<string>();
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListNamedQueriesCommand({ WorkGroup: catalog.workGroup, NextToken: nextToken }));
      const ids = page.NamedQueryIds ?? [];
      if (ids.length > 0) {
        const batch = await client.send(new BatchGetNamedQueryCommand({ NamedQueryIds: ids }));
        for (const q of batch.NamedQueries ?? []) if (q.Name) names.add(q.Name);
      }
      nextToken = page.NextToken;
    } while (nextToken);
    let created = 0;
    for (const query of BUILT_IN_QUERIES) {
      if (query.awsOnly || names.has(query.name)) continue;
      await client.send(
        new CreateNamedQueryCommand({
          Name: query.name,
          Description: builtInDescription(query),
          Database: catalog.database,
          QueryString: query.sql,
          WorkGroup: catalog.workGroup,
        }),
      );
      created++;
    }
    return { created, existing: names.size };
  } finally {
    client.destroy();
  }
}

