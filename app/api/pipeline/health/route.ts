import { handle, json, parseWith, searchParamsObject } from '@/lib/api/responses';
import { getPipelineHealth } from '@/lib/pipeline/health';
import { healthQuerySchema } from '@/lib/pipeline/health-query';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Per-stage counts, lag and status of the CDC pipeline, with error-record and dead-letter samples.
 * Always 200 when measured: a failing stage is data, not a failed request.
 */
export const GET = handle(async (request: Request) => {
  const { samples } = parseWith(healthQuerySchema, searchParamsObject(request.url));
  return json(await getPipelineHealth({ samples }));
});
