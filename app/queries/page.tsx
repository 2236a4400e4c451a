import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { Suspense } from 'react';
import { queryKeys, savedQueriesOptions } from '@/components/queries/query-options';
import { findQueryByName, parseQueryNameParam } from '@/components/queries/query-link';
import { WorkbenchSkeleton } from '@/components/queries/workbench-skeleton';
import { Workbench, type Viewer } from '@/components/queries/workbench';
import { PageHeader } from '@/components/ui/page-header';
import { listSavedQueries, type SavedQuery } from '@/lib/queries/library';
import { requirePageAccess } from '@/lib/auth/page-guard';
import { can } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Queries' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

async function PrefetchedWorkbench({
  id,
  name,
  params,
  viewer,
}: {
  id: string | null;
  /** ?name= opens a query by name (other pages link built-ins so); an id wins over it. */
  name: string | null;
  params: string[];
  viewer: Viewer;
}) {
  // The library is read on the server with lib itself; the client reuses the same query options.
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(savedQueriesOptions(listSavedQueries));
  const library = queryClient.getQueryData<SavedQuery[]>(queryKeys.saved);
  const named = !id && name && library ? findQueryByName(library, name) : undefined;
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      {!id && name && library && !named && (
        <p role="status" className="mb-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          No saved query is named “{name}”. Choose one from the library.
        </p>
      )}
      <Workbench initialId={id ?? named?.id ?? null} initialParams={params} viewer={viewer} />
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
          name={parseQueryNameParam(params.name)}
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
