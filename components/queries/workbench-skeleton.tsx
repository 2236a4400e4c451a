import { Skeleton } from '@/components/ui/skeleton';

export function WorkbenchSkeleton() {
  return (
    <div role="status" aria-label="Loading the query library" className="grid gap-6 lg:grid-cols-[240px_minmax(0,1fr)]">
      <div className="space-y-2">
        <Skeleton className="h-9 w-full" />
        <Skeleton className="h-9 w-full" />
        {Array.from({ length: 6 }, (_, i) => (
          <Skeleton key={i} className="h-7 w-full" />
        ))}
      </div>
      <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <Skeleton className="h-6 w-48" />
        <Skeleton className="h-10 w-full" />
        <Skeleton className="h-[302px] w-full" />
      </div>
    </div>
  );
}
