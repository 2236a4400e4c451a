/**
 * The contract of GET /api/pipeline/health, shared by the route, the page and the tests. Plain
 * types only, so client components can import it.
 */
import type { DeadLetterView } from './dead-letter';
import type { ErrorRecordView } from './error-record';

export type StageStatus = 'healthy' | 'lagging' | 'failing';

export type StageId = 'table' | 'stream' | 'pipe' | 'kinesis' | 'firehose' | 's3' | 'athena';

export type StageMetric = { label: string; value: string };

export type StageHealth = {
  id: StageId;
  name: string;
  /** The AWS resource it is, e.g. "orders" or "order-changes". */
  resource: string;
  status: StageStatus;
  /** One human sentence: why this status. */
  reason: string;
  /** Lag into this stage, when it can be measured. */
  lagMs: number | null;
  metrics: StageMetric[];
};

export type DeliveredObject = {
  key: string;
  lastModified: string;
  size: number;
  rows: number;
  /** Newest change_time among its rows. */
  newestChangeTime: string | null;
};

export type PipelineHealth = {
  checkedAt: string;
  /** The worst stage status. */
  status: StageStatus;
  stages: StageHealth[];
  lastDelivered: DeliveredObject | null;
  today: { dt: string; objects: number; objectsTruncated: boolean; bytes: number; rows: number | null };
  errors: {
    prefix: string;
    objects: number;
    objectsTruncated: boolean;
    recentObjects: number;
    newestAt: string | null;
    samples: ErrorRecordView[];
    unavailable?: string;
  };
  deadLetters: {
    queue: string;
    visible: number;
    inFlight: number;
    samples: DeadLetterView[];
    unavailable?: string;
  };
};

export type { DeadLetterView, ErrorRecordView };
