import { z } from 'zod';

/** Where a feed subscription starts; LATEST is the shared live tail, the others get a private reader. */
export type FeedPosition =
  | { type: 'LATEST' }
  | { type: 'TRIM_HORIZON' }
  | { type: 'AT_TIMESTAMP'; timestamp: Date }
  | { type: 'AT_SEQUENCE_NUMBER'; sequence: string };

export type FeedQuery = { shard: 'all' | string; position: FeedPosition; lastEventId?: string };

const shard = z
  .string()
  .trim()
  .regex(/^(all|shardId-\d{12})$/, 'shard must be "all" or a shard id such as shardId-000000000000')
  .default('all');

const querySchema = z
  .object({
    shard,
    position: z
      .enum(['LATEST', 'TRIM_HORIZON', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER'], {
        error: 'position must be LATEST, TRIM_HORIZON, AT_TIMESTAMP or AT_SEQUENCE_NUMBER',
      })
      .default('LATEST'),
    timestamp: z.string().optional(),
    sequence: z.string().optional(),
    lastEventId: z.string().max(200, 'lastEventId is too long').optional(),
  })
  .superRefine((q, ctx) => {
    if (q.position === 'AT_TIMESTAMP') {
      if (!q.timestamp)
        ctx.addIssue({
          code: 'custom',
          path: ['timestamp'],
          message: 'AT_TIMESTAMP needs timestamp (ISO 8601)',
        });
      else if (!z.iso.datetime({ offset: true }).safeParse(q.timestamp).success)
        ctx.addIssue({
          code: 'custom',
          path: ['timestamp'],
          message: 'timestamp must be ISO 8601 with a zone, e.g. 2026-01-31T12:00:00Z',
        });
      // Kinesis refuses a future timestamp; say so here instead of as an opaque SDK error.
      else if (Date.parse(q.timestamp) > Date.now())
        ctx.addIssue({ code: 'custom', path: ['timestamp'], message: 'timestamp is in the future' });
    }
    if (q.position === 'AT_SEQUENCE_NUMBER') {
      if (!q.sequence)
        ctx.addIssue({ code: 'custom', path: ['sequence'], message: 'AT_SEQUENCE_NUMBER needs sequence' });
      else if (!/^\d{1,128}$/.test(q.sequence))
        ctx.addIssue({
          code: 'custom',
          path: ['sequence'],
          message: 'sequence must be a Kinesis sequence number (digits)',
        });
      // A sequence number belongs to one shard, so "all" has no meaning here.
      if (q.shard === 'all')
        ctx.addIssue({
          code: 'custom',
          path: ['shard'],
          message: 'AT_SEQUENCE_NUMBER needs a single shard id',
        });
    }
  });

/** Parses the stream route's query; zod issues carry the field path for a 400. */
export function parseFeedQuery(input: Record<string, string | undefined>) {
  const result = querySchema.safeParse(input);
  if (!result.success) return { success: false as const, error: result.error };
  const q = result.data;
  const position: FeedPosition =
    q.position === 'AT_TIMESTAMP'
      ? { type: 'AT_TIMESTAMP', timestamp: new Date(q.timestamp!) }
      : q.position === 'AT_SEQUENCE_NUMBER'
        ? { type: 'AT_SEQUENCE_NUMBER', sequence: q.sequence! }
        : { type: q.position };
  const data: FeedQuery = {
    shard: q.shard,
    position,
    ...(q.lastEventId ? { lastEventId: q.lastEventId } : {}),
  };
  return { success: true as const, data };
}
