import type { PipelineHealth } from '@/lib/pipeline/health-types';

/** The health route's answer, or an Error with the server's safe message. */
export async function fetchPipelineHealth(): Promise<PipelineHealth> {
  let response: Response;
  try {
    response = await fetch('/api/pipeline/health', { headers: { accept: 'application/json' } });
  } catch {
    throw new Error('Could not reach the dashboard server. Check your connection.');
  }
  const body = (await response.json().catch(() => ({}))) as PipelineHealth & { message?: string };
  if (!response.ok) throw new Error(body.message ?? `Pipeline health failed (${response.status})`);
  return body;
}
