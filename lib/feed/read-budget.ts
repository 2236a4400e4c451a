import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { errorName } from './source';

/**
 * Kinesis allows 5 GetRecords per second per shard for ALL its readers together, and the
 * dashboard runs as several processes (ECS tasks), each with its own hub. So before each call a
 * hub takes a token from a counter per shard and wall-clock second in DynamoDB: a conditional
 * `ADD n :one` that fails once the second's budget is spent. The total across every process is
 * then at most `budget` per shard in each second, strictly; the hub set on the item tells each
 * hub how many share the shard, so each spaces its own calls to its share instead of racing.
 */

/** What one attempt at a token says; `retryAt` is a Date.now() time. */
export type TokenResult = { ok: true } | { ok: false; retryAt: number };

/** The gate's view of a budget shared beyond this process (CallGate takes one). */
export interface ReadBudget {
  /** One attempt at a token for one GetRecords call on `shardId` now. */
  take(shardId: string, signal?: AbortSignal): Promise<TokenResult>;
  /** The gap this hub should leave between its own calls on `shardId`. */
  spacingMs(shardId: string): number;
  mode(): 'shared' | 'fallback';
}

export type SharedReadBudgetOptions = {
  client: Pick<DynamoDBDocumentClient, 'send'>;
  tableName: string;
  streamName: string;
  /** GetRecords per shard per second for all hubs together. */
  budget: number;
  hubId?: string;
  log?: (message: string) => void;
  /**
   * A slow table must not stall the feed: past this (2 s) the attempt counts as an error. Not
   * shorter: a task's first call pays for TLS and credentials, and DynamoDB Local warms up slowly.
   */
  timeoutMs?: number;
  /**
   * After an error, how long (5 s) to read at the fallback rate before trying the table again.
   * Short, because fallback reads are unseen by the other hubs.
   */
  fallbackMs?: number;
  /** Spreads the hubs that wait for the next second, so they do not all ask at its first ms. */
  jitterMs?: () => number;
};

/** Without the table nobody knows who else reads: one call per second per shard per process. */
export const FALLBACK_INTERVAL_MS = 1_000;
/** How long a spent item is kept; TTL deletion is lazy anyway, and the key never repeats. */
const ITEM_TTL_S = 60;
/** A hub named by the table within this long still counts as sharing the shard. */
const ACTIVE_WINDOW_MS = 2_000;

export class SharedReadBudget implements ReadBudget {
  readonly hubId: string;
  /** Per shard, each hub id the table named and when this hub last saw it named. */
  private readonly seen = new Map<string, Map<string, number>>();
  private fallbackUntil = 0;
  private warned = false;

  constructor(private readonly options: SharedReadBudgetOptions) {
    this.hubId = options.hubId ?? randomUUID();
  }

  mode(): 'shared' | 'fallback' {
    return Date.now() < this.fallbackUntil ? 'fallback' : 'shared';
  }

  /**
   * Hubs that took a token on `shardId` lately. One answer lists only those that came earlier in
   * its second, so answers of the last two seconds are merged; this hub always counts itself.
   */
  activeHubs(shardId: string): number {
    const since = Date.now() - ACTIVE_WINDOW_MS;
    const others = [...(this.seen.get(shardId) ?? [])].filter(([id, at]) => at >= since && id !== this.hubId);
    return others.length + 1;
  }

  spacingMs(shardId: string): number {
    if (this.mode() === 'fallback') return FALLBACK_INTERVAL_MS;
    return Math.ceil((1000 * this.activeHubs(shardId)) / this.options.budget);
  }

  async take(shardId: string, signal?: AbortSignal): Promise<TokenResult> {
    if (this.mode() === 'fallback') return { ok: true };
    const { client, tableName, streamName, budget } = this.options;
    const second = Math.floor(Date.now() / 1000);
    const timeout = AbortSignal.timeout(this.options.timeoutMs ?? 2_000);
    try {
      const out = await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: { pk: `${streamName}#${shardId}#${second}` },
          UpdateExpression: 'ADD n :one, hubs :me SET expiresAt = :expires',
          ConditionExpression: 'attribute_not_exists(n) OR n < :budget',
          ExpressionAttributeValues: {
            ':one': 1,
            ':me': new Set([this.hubId]),
            ':expires': second + ITEM_TTL_S,
            ':budget': budget,
          },
          ReturnValues: 'UPDATED_NEW',
          // A spent item still says who shares the shard, so a hub that lost the race learns it.
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
        { abortSignal: signal ? AbortSignal.any([signal, timeout]) : timeout },
      );
      this.warned = false;
      this.note(shardId, out.Attributes?.hubs as Set<string> | undefined);
      // The call must land in the second that counted it, or two seconds' tokens could meet.
      if (Math.floor(Date.now() / 1000) !== second) return { ok: false, retryAt: Date.now() };
      return { ok: true };
    } catch (error) {
      const now = Date.now();
      if (errorName(error) === 'ConditionalCheckFailedException') {
        this.note(shardId, (error as { Item?: { hubs?: { SS?: string[] } } }).Item?.hubs?.SS);
        const jitter = this.options.jitterMs?.() ?? Math.random() * 50;
        return { ok: false, retryAt: (second + 1) * 1000 + jitter };
      }
      if (signal?.aborted) return { ok: false, retryAt: now };
      // Throttled, unreachable, missing table: keep the feed going, slowly, and say so once.
      this.fallbackUntil = now + (this.options.fallbackMs ?? 5_000);
      if (!this.warned) {
        this.warned = true;
        this.options.log?.(
          `read budget table ${tableName} failed (${errorName(error) || 'error'}); ` +
            'reading each shard at most once a second in this process until it answers',
        );
      }
      return { ok: false, retryAt: now };
    }
  }

  private note(shardId: string, hubs: Iterable<string> | undefined): void {
    const now = Date.now();
    const seen = this.seen.get(shardId) ?? new Map<string, number>();
    for (const id of hubs ?? []) seen.set(id, now);
    for (const [id, at] of seen) if (at < now - ACTIVE_WINDOW_MS) seen.delete(id);
    this.seen.set(shardId, seen);
  }
}
