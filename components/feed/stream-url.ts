export type PositionType = 'LATEST' | 'TRIM_HORIZON' | 'AT_TIMESTAMP' | 'AT_SEQUENCE_NUMBER';

/** Where the page starts reading: the query the stream route takes. */
export type StartPosition = {
  type: PositionType;
  /** 'all' or a shard id. */
  shard: string;
  /** ISO 8601 with a zone, for AT_TIMESTAMP. */
  timestamp?: string;
  /** Digits, for AT_SEQUENCE_NUMBER. */
  sequence?: string;
};

export const LIVE_TAIL: StartPosition = { type: 'LATEST', shard: 'all' };

export const POSITION_LABELS: Record<PositionType, string> = {
  LATEST: 'Latest',
  TRIM_HORIZON: 'Trim horizon',
  AT_TIMESTAMP: 'At timestamp',
  AT_SEQUENCE_NUMBER: 'At sequence',
};

export function streamUrl(position: StartPosition, lastEventId?: string): string {
  const params = new URLSearchParams({ shard: position.shard || 'all', position: position.type });
  if (position.type === 'AT_TIMESTAMP' && position.timestamp !== undefined)
    params.set('timestamp', position.timestamp);
  if (position.type === 'AT_SEQUENCE_NUMBER' && position.sequence !== undefined)
    params.set('sequence', position.sequence);
  if (lastEventId) params.set('lastEventId', lastEventId);
  return `/api/feed/stream?${params}`;
}

/**
 * A <input type="datetime-local"> value is wall-clock time without a zone; the page shows and
 * means UTC, so it becomes an ISO instant in UTC. Anything else is passed through for the API to judge.
 */
export function localInputToIso(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)
    ? `${value.length === 16 ? `${value}:00` : value}Z`
    : value;
}

type ErrorBody = { error?: string; message?: string; issues?: { path: string; message: string }[] };

/** The readable reason in an API error body (400 issues or a 503 message), with the status as a fallback. */
export function describeStreamError(status: number, body: unknown): string {
  const b = (typeof body === 'object' && body !== null ? body : {}) as ErrorBody;
  if (Array.isArray(b.issues) && b.issues.length) return b.issues.map((i) => i.message).join('; ');
  if (typeof b.message === 'string' && b.message) return b.message;
  return `The feed answered HTTP ${status}`;
}

/** Delay before the n-th (0-based) manual reconnect: 1 s, 2 s, 4 s … capped at 15 s. */
export const reconnectDelayMs = (attempt: number) => Math.min(15_000, 1_000 * 2 ** attempt);
