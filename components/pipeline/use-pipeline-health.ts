'use client';

import { useQuery } from '@tanstack/react-query';
import { pipelineHealthOptions } from './health-queries';

/** Every widget on the page reads the same query, so one request per refresh serves them all. */
export function usePipelineHealth() {
  return useQuery(pipelineHealthOptions());
}
