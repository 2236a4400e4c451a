import 'server-only';
import { getKinesisClient } from '@/lib/aws/kinesis';
import { getConfig } from '@/lib/config';
import { FeedHub } from './hub';
import { kinesisSource } from './source';

// On globalThis so dev-mode module reloads do not start a second set of pollers.
const holder = globalThis as typeof globalThis & { __feedHub?: FeedHub };

/** The process's one hub on the change stream; tests replace it with setFeedHub(). */
export function getFeedHub(): FeedHub {
  const config = getConfig();
  holder.__feedHub ??= new FeedHub({
    source: kinesisSource(getKinesisClient(), config.changeStreamName),
    idlePollMs: config.feedIdlePollMs,
  });
  return holder.__feedHub;
}

export function setFeedHub(hub: FeedHub | undefined): void {
  holder.__feedHub?.stop();
  holder.__feedHub = hub;
}
