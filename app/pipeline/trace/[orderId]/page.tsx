import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { TraceSearch } from '@/components/pipeline/trace-search';
import { traceOptions, type TraceAnswer } from '@/components/pipeline/trace-queries';
import { TraceSkeleton } from '@/components/pipeline/trace-skeleton';
import { TraceView } from '@/components/pipeline/trace-view';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState } from '@/components/ui/states';
import { ORDER_ID_PATTERN } from '@/lib/orders/schema';
import { traceOrder } from '@/lib/trace/trace-order';
import { notFoundMessage } from '@/lib/trace/types';
import { maskEmailsDeep } from '@/lib/auth/mask';
import { requirePageAccess } from '@/lib/auth/page-guard';
import type { Caller } from '@/lib/auth/roles';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ orderId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Trace ${(await params).orderId}` };
}

async function traceOnServer(orderId: string, caller: Caller): Promise<TraceAnswer> {
  const trace = maskEmailsDeep(await traceOrder(orderId), caller);
  return { trace, message: trace.found ? null : notFoundMessage(orderId) };
}

/** The first trace is gathered on the server; the client keeps it fresh while changes are in flight. */
async function PrefetchedTrace({ orderId, caller }: { orderId: string; caller: Caller }) {
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(traceOptions(orderId, (id) => traceOnServer(id, caller)));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <TraceView orderId={orderId} />
    </HydrationBoundary>
  );
}

export default async function TracePage({ params }: Props) {
  const caller = await requirePageAccess('/pipeline/trace/[orderId]');
  const { orderId } = await params;
  const valid = ORDER_ID_PATTERN.test(orderId);
  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/pipeline" className="text-brand-700 hover:underline">
          ← Pipeline
        </Link>
      </nav>
      <PageHeader
        title="Trace an order"
        description={
          valid ? (
            <>
              Every change of <span className="font-mono text-slate-800">{orderId}</span>, stage by stage: DynamoDB →
              stream → Kinesis → S3 → Athena, with the time each step took.
            </>
          ) : (
            'Follow one order through DynamoDB, its stream, Kinesis, S3 and Athena.'
          )
        }
      />
      <div className="mb-5 max-w-2xl">
        <TraceSearch initial={valid ? '' : orderId} />
      </div>
      {valid ? (
        <Suspense fallback={<TraceSkeleton />}>
          <PrefetchedTrace orderId={orderId} caller={caller} />
        </Suspense>
      ) : (
        <ErrorState
          title="That is not an order id"
          message={`"${orderId.slice(0, 60)}" is not a valid order id: order ids are 26-character ULIDs.`}
        />
      )}
    </>
  );
}
