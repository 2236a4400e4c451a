import 'server-only';
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { guardStore } from './store-errors';

/**
 * Reads every page of one Query in each partition of an index (the by_date shards), the
 * partitions side by side. `valueName` is the placeholder the key condition uses for the
 * partition value. Stops every partition once `more()` turns false; says whether all were read
 * to the end.
 */
export async function queryEachPartition(
  input: QueryCommandInput,
  valueName: string,
  partitions: readonly string[],
  onItems: (items: Record<string, unknown>[]) => void,
  more: () => boolean = () => true,
): Promise<{ complete: boolean }> {
  const finished = await Promise.all(
    partitions.map(async (partition) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await guardStore(() =>
          getDynamoDbClient().send(
            new QueryCommand({
              ...input,
              ExpressionAttributeValues: { ...input.ExpressionAttributeValues, [valueName]: partition },
              ExclusiveStartKey: startKey,
            }),
          ),
        );
        onItems(page.Items ?? []);
        startKey = page.LastEvaluatedKey;
      } while (startKey && more());
      return startKey === undefined;
    }),
  );
  return { complete: finished.every(Boolean) };
}
