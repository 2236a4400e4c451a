import type { Metadata } from 'next';
import { Suspense } from 'react';
import { DeadLettersList } from '@/components/pipeline/dead-letters-list';
import { ErrorRecordsTable } from '@/components/pipeline/error-records-table';
import { WithPipelineHealth } from '@/components/pipeline/health-hydration';
import { PanelSkeleton, StagesSkeleton } from '@/components/pipeline/health-skeletons';
import { HealthSummary } from '@/components/pipeline/health-summary';
import { LastDelivered } from '@/components/pipeline/last-delivered';
import { Panel } from '@/components/pipeline/panel';
import { StageDiagram } from '@/components/pipeline/stage-diagram';
import { TraceSearch } from '@/components/pipeline/trace-search';
import { Skeleton } from '@/components/ui/skeleton';
import { PageHeader } from '@/components/ui/page-header';
import { savedQueryHref } from '@/components/queries/query-link';
import { requirePageAccess } from '@/lib/auth/page-guard';
import { can } from '@/lib/auth/roles';
import { FAILED_RECORDS_QUERY } from '@/lib/queries/built-in';

export const metadata: Metadata = { title: 'Pipeline' };
export const dynamic = 'force-dynamic';

export default async function PipelinePage() {
  const caller = await requirePageAccess('/pipeline');
  // The same rule as the queries page's own guard, so the link never leads to a 403.
  const failedRecordsHref = can(caller, 'queries:run-saved') ? savedQueryHref(FAILED_RECORDS_QUERY) : undefined;
  return (
    <>
      <PageHeader
        title="Pipeline health"
        description="Each stage from DynamoDB to Athena, measured through its AWS API every few seconds: counts, lag, and what failed."
        actions={
          <Suspense fallback={<Skeleton className="h-6 w-48" />}>
            <WithPipelineHealth>
              <HealthSummary />
            </WithPipelineHealth>
          </Suspense>
        }
      />
      <div className="space-y-6">
        {/* The stage cards' names are h3s; this heading keeps the outline h1 → h2 → h3. */}
        <section aria-labelledby="stages-heading">
          <h2 id="stages-heading" className="sr-only">
            Pipeline stages
          </h2>
          <Suspense fallback={<StagesSkeleton />}>
            <WithPipelineHealth>
              <StageDiagram />
            </WithPipelineHealth>
          </Suspense>
        </section>

        <div className="grid gap-6 lg:grid-cols-3">
          <div className="lg:col-span-2">
            <Suspense fallback={<PanelSkeleton rows={4} />}>
              <WithPipelineHealth>
                <LastDelivered />
              </WithPipelineHealth>
            </Suspense>
          </div>
          <Panel
            testId="trace-panel"
            title="Trace an order"
            description="Follow one order's changes through every stage, with the latency of each and the reason for anything stuck or failed."
          >
            <TraceSearch />
            <p className="mt-3 text-xs text-slate-500">
              Order ids in the error records and dead letters below open their trace too.
            </p>
          </Panel>
        </div>

        <Suspense fallback={<PanelSkeleton rows={5} />}>
          <WithPipelineHealth>
            <ErrorRecordsTable queryHref={failedRecordsHref} />
          </WithPipelineHealth>
        </Suspense>

        <Suspense fallback={<PanelSkeleton rows={3} />}>
          <WithPipelineHealth>
            <DeadLettersList />
          </WithPipelineHealth>
        </Suspense>
      </div>
    </>
  );
}
