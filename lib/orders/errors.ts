import type { Order } from './schema';
import { ServiceUnavailable } from '@/lib/service-unavailable';

export type FieldIssue = { path: string; message: string };

/** Input failed validation; nothing was written. */
export class ValidationError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; '));
    this.name = 'ValidationError';
  }
}

export class OrderNotFound extends Error {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} does not exist`);
    this.name = 'OrderNotFound';
  }
}

/** The caller's version is stale: `current` is what is stored now. */
export class OrderVersionConflict extends Error {
  constructor(
    readonly current: Order,
    readonly expectedVersion: number,
    options?: { cause?: unknown },
  ) {
    super(
      `Order ${current.order_id} is at version ${current.version}, not ${expectedVersion}: someone else changed it`,
      options,
    );
    this.name = 'OrderVersionConflict';
  }
}

/** The data store cannot be reached; the message is safe to show, the cause stays server-side. */
export class StoreUnavailable extends ServiceUnavailable {
  constructor(options?: { cause?: unknown }) {
    super('store', 'The orders database is unreachable right now. Try again in a moment.', options);
    this.name = 'StoreUnavailable';
  }
}
