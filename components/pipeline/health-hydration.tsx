import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import { cache, type ReactNode } from 'react';
import { getPipelineHealth } from '@/lib/pipeline/health';
import { pipelineHealthOptions } from './health-queries';

/**
 * One measurement per request, shared by every widget: each widget awaits it inside its own
 * Suspense boundary, so the page shell and the trace form render at once. A failed measurement is
 * left out of the dehydrated state and the widgets fetch it again from the client.
 */
const measureOnce = cache(async () => {
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(pipelineHealthOptions(() => getPipelineHealth()));
  return dehydrate(queryClient);
});

export async function WithPipelineHealth({ children }: { children: ReactNode }) {
  return <HydrationBoundary state={await measureOnce()}>{children}</HydrationBoundary>;
}
