import { TraceSkeleton } from '@/components/pipeline/trace-skeleton';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="space-y-4">
      <Skeleton className="h-8 w-56" />
      <Skeleton className="h-10 w-full max-w-2xl" />
      <TraceSkeleton />
    </div>
  );
}
