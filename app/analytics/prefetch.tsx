import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * One widget's server prefetch: awaited inside its own Suspense boundary, so each widget streams
 * in when its query is done and a slow or failing one holds up nothing else. A failed prefetch
 * is not dehydrated; the client widget then retries and shows its own error state.
 */
export async function Prefetched({ load, children }: { load: (client: QueryClient) => Promise<void>; children: ReactNode }) {
  const client = new QueryClient();
  await load(client);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
