import { PanelSkeleton, StagesSkeleton } from '@/components/pipeline/health-skeletons';
import { Skeleton } from '@/components/ui/skeleton';

export default function Loading() {
  return (
    <div className="space-y-6">
      <Skeleton className="h-8 w-56" />
      <StagesSkeleton />
      <PanelSkeleton rows={4} />
      <PanelSkeleton rows={5} />
    </div>
  );
}
