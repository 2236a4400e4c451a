'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { buttonClass } from '@/components/ui/button-styles';
import { notFoundMessage } from '@/lib/trace/types';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { TraceChange } from './trace-change';
import { traceOptions } from './trace-queries';
import { TraceSkeleton } from './trace-skeleton';
import { TraceSources } from './trace-sources';
import { TraceSummary } from './trace-summary';

/** The live trace: polls while a change is in flight, then stops. Newest change first. */
export function TraceView({ orderId }: { orderId: string }) {
  const query = useQuery(traceOptions(orderId));
  if (query.isPending) return <TraceSkeleton />;
  if (query.isError) {
    return (
      <ErrorState
        title="The trace could not be loaded"
        message={query.error.message}
        action={
          <button type="button" className={buttonClass('secondary')} onClick={() => void query.refetch()}>
            Try again
          </button>
        }
      />
    );
  }
  const { trace, message } = query.data;
  const changes = [...trace.changes].reverse();
  return (
    <div className="space-y-5" data-testid="trace-view" data-settled={trace.settled}>
      <TraceSummary trace={trace} fetching={query.isFetching} onRefresh={() => void query.refetch()} />
      <TraceSources sources={trace.sources} />
      {!trace.found ? (
        <EmptyState
          title="No stage knows this order"
          action={
            <Link href="/orders" className={buttonClass('secondary')}>
              Back to orders
            </Link>
          }
        >
          {message ?? notFoundMessage(orderId)}
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {changes.map((change) => (
            <TraceChange key={change.key} change={change} />
          ))}
        </div>
      )}
    </div>
  );
}
