import { Skeleton } from '@/components/ui/skeleton';

export function FeedSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the live feed">
      <Skeleton className="h-20 w-full" />
      <div className="flex gap-3">
        <Skeleton className="h-12 w-56" />
        <Skeleton className="h-12 w-56" />
      </div>
      <Skeleton className="h-[420px] w-full" />
    </div>
  );
}
