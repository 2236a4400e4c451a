import 'server-only';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { getKinesisClient } from '@/lib/aws/kinesis';
import { getConfig } from '@/lib/config';
import { FeedHub } from './hub';
import { SharedReadBudget } from './read-budget';
import { kinesisSource } from './source';

// On globalThis so dev-mode module reloads do not start a second set of pollers.
const holder = globalThis as typeof globalThis & { __feedHub?: FeedHub };

/** The process's one hub on the change stream; tests replace it with setFeedHub(). */
export function getFeedHub(): FeedHub {
  const config = getConfig();
  const log = (m: string) => console.warn(`[feed] ${m}`);
  holder.__feedHub ??= new FeedHub({
    source: kinesisSource(getKinesisClient(), config.changeStreamName),
    idlePollMs: config.feedIdlePollMs,
    log,
    // Several server processes (ECS tasks) read the same shards: they share one budget.
    readBudget: config.feedReadBudgetTableName
      ? new SharedReadBudget({
          client: getDynamoDbClient(),
          tableName: config.feedReadBudgetTableName,
          streamName: config.changeStreamName,
          budget: config.feedShardReadsPerSecond,
          log,
        })
      : undefined,
  });
  return holder.__feedHub;
}

export function setFeedHub(hub: FeedHub | undefined): void {
  holder.__feedHub?.stop();
  holder.__feedHub = hub;
}
