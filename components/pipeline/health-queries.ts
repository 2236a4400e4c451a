import { queryOptions } from '@tanstack/react-query';
import type { PipelineHealth } from '@/lib/pipeline/health-types';
import { fetchPipelineHealth } from './health-api';

/** How often the page re-measures the pipeline. */
export const HEALTH_REFRESH_MS = 5_000;

/** One definition for the server prefetch (which passes the lib function) and the client (the route). */
export function pipelineHealthOptions(fetchHealth: () => Promise<PipelineHealth> = fetchPipelineHealth) {
  return queryOptions({
    queryKey: ['pipeline', 'health'] as const,
    queryFn: () => fetchHealth(),
    refetchInterval: HEALTH_REFRESH_MS,
    staleTime: HEALTH_REFRESH_MS,
  });
}
