import { Skeleton } from '@/components/ui/skeleton';

export function TraceSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the trace">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-[76px] w-full rounded-lg" />
        ))}
      </div>
      <Skeleton className="h-4 w-2/3" />
      {Array.from({ length: 2 }, (_, i) => (
        <div key={i} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <Skeleton className="h-5 w-48" />
          {Array.from({ length: 5 }, (_, j) => (
            <div key={j} className="flex gap-3">
              <Skeleton className="h-4 w-4 rounded-full" />
              <div className="flex-1 space-y-1.5">
                <Skeleton className="h-4 w-40" />
                <Skeleton className="h-3 w-72" />
              </div>
            </div>
          ))}
        </div>
      ))}
    </div>
  );
}
