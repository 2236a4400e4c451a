import type { Metadata } from 'next';
import { Suspense } from 'react';
import { FeedView } from '@/components/feed/feed-view';
import { FeedSkeleton } from '@/components/feed/feed-skeleton';
import { PageHeader } from '@/components/ui/page-header';
import { getFeedHub } from '@/lib/feed/default-hub';
import { requirePageAccess } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'Live feed' };
export const dynamic = 'force-dynamic';

/** Shard ids up front, so every shard gets a throughput line and a filter option before it sends anything. */
async function LiveFeed() {
  // An unreachable stream is not fatal here: the feed itself reports it, and retries.
  const shards = await getFeedHub()
    .listShards()
    .then((list) => list.map((s) => s.shardId))
    .catch(() => []);
  return <FeedView shardIds={shards} />;
}

export default async function FeedPage() {
  await requirePageAccess('/feed');
  return (
    <>
      <PageHeader
        title="Live feed"
        description="Every change to an order as it lands in Kinesis, decoded from the DynamoDB stream record into an OLD → NEW diff. Newest first."
      />
      <Suspense fallback={<FeedSkeleton />}>
        <LiveFeed />
      </Suspense>
    </>
  );
}
