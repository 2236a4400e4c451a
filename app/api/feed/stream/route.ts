import { maskEmailsDeep } from '@/lib/auth/mask';
import { handle, json, searchParamsObject, zodIssues } from '@/lib/api/responses';
import { getFeedHub } from '@/lib/feed/default-hub';
import { FeedUnavailable } from '@/lib/feed/hub';
import { parseFeedQuery } from '@/lib/feed/position';
import { openFeedStream } from '@/lib/feed/sse';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handle(async (request: Request, _context, caller) => {
  const params = searchParamsObject(request.url);
  // The browser's EventSource resends the last id as a header; the query param serves fetch-based clients.
  const lastEventId = request.headers.get('last-event-id') || params.lastEventId;
  const parsed = parseFeedQuery({ ...params, lastEventId });
  if (!parsed.success) return json({ error: 'validation', issues: zodIssues(parsed.error) }, 400);
  try {
    const body = await openFeedStream(getFeedHub(), parsed.data, request.signal, {
      present: (event) => maskEmailsDeep(event, caller),
    });
    return new Response(body, {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      },
    });
  } catch (error) {
    if (error instanceof FeedUnavailable)
      return json({ error: 'unavailable', message: error.message }, 503, { 'retry-after': '2' });
    throw error;
  }
});
