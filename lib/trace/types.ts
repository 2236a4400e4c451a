/**
 * The trace of one order through the pipeline, as the API returns it and the page renders it.
 * Plain data only (no SDK, no server-only imports), so client components can use the types.
 */

export type StageName = 'dynamodb' | 'stream' | 'kinesis' | 's3' | 'athena';

/** done: seen there · pending: not yet, still within its expected time · failed/stuck: see the reason · unknown: not readable now. */
export type StageState = 'done' | 'pending' | 'failed' | 'stuck' | 'unknown';

export type ChangeStatus = 'complete' | 'in_flight' | 'failed' | 'stuck';

export type TraceFact = { label: string; value: string; mono?: boolean };

export type TraceStage = {
  name: StageName;
  state: StageState;
  /** When the change reached this stage (ISO), when known. */
  at: string | null;
  /** Time from the previous stage that has a time; null when either end is unknown. */
  latencyMs: number | null;
  facts: TraceFact[];
  /** A sentence for what is not done: why it is pending, failed or unknown. */
  note?: string;
};

export type ChangeTrace = {
  /** The stream record's eventID, or `v<version>` for a write not yet seen on the stream. */
  key: string;
  version: number | null;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE' | null;
  status: ChangeStatus;
  /** Where and why, for anything but complete. */
  reason: string | null;
  stages: TraceStage[];
  /** DynamoDB write → object delivered to S3 (queryable from then on). */
  endToEndMs: number | null;
  /** The order's total after this change, in cents. */
  totalCents: number | null;
  currency: string | null;
  /** Who made this change (`updated_by`); null when no source knows (older changes). */
  updatedBy: string | null;
};

export type SourceState = { ok: true } | { ok: false; message: string };

export type TraceSources = {
  dynamodb: SourceState;
  kinesis: SourceState & {
    shards: string[];
    recordsScanned: number;
    /** The scan stopped at its record or time budget; older or newer records may be missing. */
    truncated: boolean;
    since: string | null;
  };
  athena: SourceState & { queryIds: string[]; bytesScanned: number; partitions: string[] };
  s3: SourceState & { objects: number };
  errors: SourceState & { objectsRead: number };
  /** Looked up only when the item's version is missing from Kinesis, S3 and the error prefix. */
  deadLetters: SourceState & { checked: boolean };
};

export type OrderSnapshot = {
  state: 'exists' | 'deleted' | 'unknown';
  version: number | null;
  status: string | null;
  customerName: string | null;
  totalCents: number | null;
  currency: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  updatedBy: string | null;
};

export type AthenaCurrentRow = {
  version: number;
  status: string;
  totalCents: number;
  currency: string;
  lastChangeTime: string;
};

export type Trace = {
  orderId: string;
  tracedAt: string;
  /** Every change complete and Athena's current state at DynamoDB's version: nothing left to wait for. */
  settled: boolean;
  /** Some stage knows this order. */
  found: boolean;
  order: OrderSnapshot;
  athenaCurrent: AthenaCurrentRow | null;
  /** Oldest first. */
  changes: ChangeTrace[];
  /** Expected delivery time used to tell in flight from stuck. */
  deliveryBudgetMs: number;
  sources: TraceSources;
};

export const STAGE_LABELS: Record<StageName, string> = {
  dynamodb: 'DynamoDB write',
  stream: 'Stream record',
  kinesis: 'Kinesis',
  s3: 'S3 object',
  athena: 'Athena row',
};

/** What the API and the page say when no stage knows an order. */
export function notFoundMessage(orderId: string): string {
  return `No stage knows order ${orderId}: it is not in DynamoDB, on the Kinesis stream since it was created, in the change log or in the error prefix.`;
}
