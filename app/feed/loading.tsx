import { FeedSkeleton } from '@/components/feed/feed-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-8 w-40" />
      <FeedSkeleton />
    </div>
  );
}
