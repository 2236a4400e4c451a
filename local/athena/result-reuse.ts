import { BoundedMap } from './bounded-map';
import type { ResultColumn } from './engine/run-query';

/**
 * Athena's query result reuse (ResultReuseByAgeConfiguration): an identical query may answer
 * from an earlier execution's result file if that is at most MaxAgeInMinutes old. Locally a
 * result is also tied to the change-log generation it was computed at, so any delivery since
 * makes it unusable: reuse here never shows older data than a fresh scan would.
 */

export type ReusableResult = {
  resultFile: string;
  columns: ResultColumn[];
  rows: number;
  completedAtMs: number;
  executionId: string;
};

/** Athena's default when reuse is enabled without MaxAgeInMinutes, and its maximum (7 days). */
export const DEFAULT_REUSE_MINUTES = 60;
export const MAX_REUSE_MINUTES = 10_080;

export function reuseKey(parts: { sql: string; database: string; catalog: string; workGroup: string; generation: string }): string {
  return JSON.stringify([parts.workGroup, parts.catalog, parts.database, parts.generation, parts.sql]);
}

export class ResultReuse {
  private readonly entries = new BoundedMap<ReusableResult>(1_000);

  find(key: string, maxAgeMs: number, nowMs: number): ReusableResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (nowMs - entry.completedAtMs >= maxAgeMs) return undefined;
    return entry;
  }

  remember(key: string, result: ReusableResult): void {
    this.entries.set(key, result);
  }

  forget(key: string): void {
    this.entries.delete(key);
  }
}
