import { decodeRecord, type FeedEvent } from './decode';
import { sleep, type CallGate } from './gate';
import { errorName, type FeedSource, type IteratorStart } from './source';

export type ReaderHandlers = {
  onEvents: (events: FeedEvent[]) => void;
  /** The shard is closed and fully read; children (if Kinesis named them) come next. */
  onEnd: (childShardIds: string[] | undefined) => void;
  /** An empty page: the reader has caught up with the shard's tip. */
  onCaughtUp?: () => void;
  onError?: (error: unknown) => void;
};

const MAX_BACKOFF_MS = 10_000;

/**
 * Reads one shard forward from `start` until stopped or the shard ends. Every GetRecords goes
 * through the shared gate; throttling backs off exponentially; an expired iterator is re-opened
 * right after the last record seen, so nothing is skipped or repeated.
 */
export class ShardReader {
  lastSequence: string | undefined;
  readonly ready: Promise<void>;
  private readonly abort = new AbortController();
  private iterator: string | undefined;
  private markReady!: (error?: unknown) => void;
  handlers: ReaderHandlers;

  constructor(
    private readonly source: FeedSource,
    private readonly gate: CallGate,
    readonly shardId: string,
    private readonly start: IteratorStart,
    handlers: ReaderHandlers,
    private readonly idleMs = 0,
  ) {
    this.handlers = handlers;
    this.ready = new Promise((resolve, reject) => {
      this.markReady = (error) => (error === undefined ? resolve() : reject(error));
    });
    // A failed first iterator is reported through onError; nobody must crash on `ready`.
    this.ready.catch(() => undefined);
    void this.run();
  }

  get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  stop(): void {
    this.abort.abort();
  }

  private resumePoint(): IteratorStart {
    return this.lastSequence ? { type: 'AFTER_SEQUENCE_NUMBER', sequence: this.lastSequence } : this.start;
  }

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    let backoff = 0;
    let opened = false;
    while (!signal.aborted) {
      try {
        if (!this.iterator) {
          this.iterator = await this.source.getIterator(this.shardId, this.resumePoint());
          if (!opened) {
            opened = true;
            this.markReady();
          }
        }
        if (!(await this.gate.acquire(this.shardId, signal))) break;
        const page = await this.source.getRecords(this.iterator);
        if (signal.aborted) break;
        backoff = 0;
        // An AT_TIMESTAMP start may have been served from TRIM_HORIZON (see source.ts).
        const since = this.start.type === 'AT_TIMESTAMP' ? this.start.timestamp.getTime() : undefined;
        const records =
          since === undefined
            ? page.records
            : page.records.filter(
                (r) => !r.ApproximateArrivalTimestamp || r.ApproximateArrivalTimestamp.getTime() >= since,
              );
        if (records.length) {
          const events = records.map((r) => decodeRecord(this.shardId, r));
          this.lastSequence = events.at(-1)!.sequenceNumber;
          this.iterator = page.nextIterator;
          this.handlers.onEvents(events);
        } else {
          this.iterator = page.nextIterator;
          // Skipped old records are progress, not the tip: only an empty page means caught up.
          if (!page.records.length) {
            this.handlers.onCaughtUp?.();
            // At the tip, an optional pause leaves GetRecords budget to the shard's other consumers.
            if (this.idleMs > 0) await sleep(this.idleMs, signal);
          }
        }
        if (!page.nextIterator) {
          this.stop();
          this.handlers.onEnd(page.childShardIds);
        }
      } catch (error) {
        if (signal.aborted) break;
        const name = errorName(error);
        if (name === 'ExpiredIteratorException') {
          this.iterator = undefined;
          continue;
        }
        if (name !== 'ProvisionedThroughputExceededException') this.handlers.onError?.(error);
        if (!opened && name !== 'ProvisionedThroughputExceededException') {
          // Nothing to resume from: let the subscriber see the failure instead of waiting forever.
          this.markReady(error);
          opened = true;
        }
        backoff = Math.min(Math.max(backoff * 2, 250), MAX_BACKOFF_MS);
        await sleep(backoff, signal);
      }
    }
  }
}
