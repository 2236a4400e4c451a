import { handle, json } from '@/lib/api/responses';
import { getFeedHub } from '@/lib/feed/default-hub';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The hub's pollers, subscribers and GetRecords rate per shard, for the health view and the bench. */
export const GET = handle(async () => json(getFeedHub().stats()));
