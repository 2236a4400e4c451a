import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { savedQueriesOptions } from '@/components/queries/query-options';
import { WorkbenchSkeleton } from '@/components/queries/workbench-skeleton';
import { Workbench, type Viewer } from '@/components/queries/workbench';
import { PageHeader } from '@/components/ui/page-header';
import { listSavedQueries } from '@/lib/queries/library';
import { requirePageAccess } from '@/lib/auth/page-guard';
import { can } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Queries' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

async function PrefetchedWorkbench({
  id,
  params,
  viewer,
}: {
  id: string | null;
  params: string[];
  viewer: Viewer;
}) {
  // The library is read on the server with lib itself; the client reuses the same query options.
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(savedQueriesOptions(listSavedQueries));
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <Workbench initialId={id} initialParams={params} viewer={viewer} />
    </HydrationBoundary>
  );
}

export default async function QueriesPage({ searchParams }: Props) {
  const caller = await requirePageAccess('/queries');
  const params = await searchParams;
  const id = typeof params.id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(params.id) ? params.id : null;
  return (
    <>
      <PageHeader
        title="Queries"
        description="A library of saved Athena SQL: parameterise it, run it read-only with a cost check first, chart it and export every row."
      />
      <Suspense fallback={<WorkbenchSkeleton />}>
        <PrefetchedWorkbench
          id={id}
          params={list(params.p)}
          viewer={{
            username: caller.username,
            canAuthor: can(caller, 'queries:author'),
            canManageAny: can(caller, 'queries:manage-any'),
          }}
        />
      </Suspense>
    </>
  );
}
