import { queryOptions } from '@tanstack/react-query';
import type { Trace } from '@/lib/trace/types';

/** What the page needs from GET /api/trace/{id}: the trace, and whether any stage knew the order. */
export type TraceAnswer = { trace: Trace; message: string | null };

export class TraceRequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'TraceRequestError';
  }
}

export async function fetchTrace(orderId: string): Promise<TraceAnswer> {
  let response: Response;
  try {
    response = await fetch(`/api/trace/${encodeURIComponent(orderId)}`, { headers: { accept: 'application/json' } });
  } catch {
    throw new TraceRequestError('Could not reach the dashboard server. Check your connection.', 0);
  }
  const body = (await response.json().catch(() => ({}))) as {
    trace?: Trace;
    message?: string;
    issues?: { message: string }[];
  } & Partial<Trace>;
  // 404 and 503 still carry the trace: what each stage said.
  if (response.ok) return { trace: body as Trace, message: null };
  if (body.trace) return { trace: body.trace, message: body.message ?? null };
  const reason = body.issues?.map((i) => i.message).join('; ') ?? body.message ?? `Request failed (${response.status})`;
  throw new TraceRequestError(reason, response.status);
}

export const traceKeys = { one: (orderId: string) => ['trace', orderId] as const };

/** Defined once; the server page passes a fetcher that calls lib/trace directly. */
export function traceOptions(orderId: string, fetcher: (orderId: string) => Promise<TraceAnswer> = fetchTrace) {
  return queryOptions({
    queryKey: traceKeys.one(orderId),
    queryFn: () => fetcher(orderId),
    // The server just gathered it; polling (below) keeps it fresh from there.
    staleTime: 2_000,
    // Poll while a change is still on its way, so a fresh edit can be watched flowing through.
    refetchInterval: (query) => (query.state.data && !query.state.data.trace.settled ? 1_000 : false),
    refetchIntervalInBackground: false,
  });
}
