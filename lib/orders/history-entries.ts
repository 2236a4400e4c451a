/**
 * An order's history as people read it, built from its change-log rows. Pure and client-safe:
 * the route builds it on the server, the order page renders it and words the freshness note.
 */
import { describeOrder, diffOrders, type FieldChange, type OrderFields } from './order-diff';

/** One change-log row, as lib/orders/history reads it from Athena. */
export type HistoryRow = {
  eventId: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  version: number;
  /** Zero-padded, so string order is stream order. */
  sequenceNumber: string;
  changeTime: string;
  /** Null for rows written before the audit column. */
  updatedBy: string | null;
  /** The order after the change (before it, for a REMOVE). */
  order: OrderFields;
};

export type HistoryEvent = 'created' | 'edited' | 'deleted';

export type HistoryEntry = {
  /** The event id of the row the entry stands for. */
  key: string;
  event: HistoryEvent;
  version: number;
  /** change_time: when DynamoDB recorded it. */
  at: string;
  /** Null when the change log does not say (old rows, or a delete without its stamp). */
  by: string | null;
  /** OLD → NEW of each field that changed; empty for created and deleted. */
  changes: FieldChange[];
  /** What the order was created with; only on created. */
  initial?: { field: string; value: string }[];
};

export type OrderHistory = {
  orderId: string;
  /** Newest first. */
  entries: HistoryEntry[];
  /** The newest version the change log holds, or null when it holds none. */
  latestVersion: number | null;
  /** The change log ends with the order's REMOVE. */
  deleted: boolean;
  /** How long Firehose buffers before a change is queryable, e.g. "60 s on AWS". */
  bufferLabel: string;
};

const EVENT_ORDER = { INSERT: 0, MODIFY: 1, REMOVE: 2 } as const;

/** The change log is at-least-once: a redelivered row has the same event id. The first one wins. */
export function dedupeRows(rows: readonly HistoryRow[]): HistoryRow[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    if (seen.has(row.eventId)) return false;
    seen.add(row.eventId);
    return true;
  });
}

/** Stream order: version, then sequence number, then INSERT < MODIFY < REMOVE for a delete's pair. */
function inStreamOrder(a: HistoryRow, b: HistoryRow): number {
  return (
    a.version - b.version ||
    (a.sequenceNumber < b.sequenceNumber ? -1 : a.sequenceNumber > b.sequenceNumber ? 1 : 0) ||
    EVENT_ORDER[a.eventName] - EVENT_ORDER[b.eventName]
  );
}

/**
 * Rows → entries, oldest first. A delete is two rows: a MODIFY at version+1 that changes no
 * field, only stamps who deletes, then the REMOVE of that version; they become one "deleted"
 * entry by the stamp's writer. A REMOVE without its stamp (deletes before stamping) names no
 * deleter: its image's updated_by is the last editor.
 */
export function buildEntries(rows: readonly HistoryRow[]): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  let previous: HistoryRow | undefined;
  for (const row of dedupeRows(rows).sort(inStreamOrder)) {
    const base = { key: row.eventId, version: row.version, at: row.changeTime, by: row.updatedBy };
    if (row.eventName === 'REMOVE') {
      const last = entries.at(-1);
      const stamp =
        last?.event === 'edited' && last.version === row.version && last.changes.length === 0
          ? last
          : undefined;
      if (stamp) entries.pop();
      entries.push({ ...base, event: 'deleted', by: stamp?.by ?? null, changes: [] });
    } else if (row.eventName === 'INSERT') {
      entries.push({ ...base, event: 'created', changes: [], initial: describeOrder(row.order) });
    } else {
      entries.push({
        ...base,
        event: 'edited',
        changes: previous ? diffOrders(previous.order, row.order) : [],
      });
    }
    previous = row;
  }
  return entries;
}

/** The history the route answers with: entries newest first, and where the change log stands. */
export function toOrderHistory(
  orderId: string,
  rows: readonly HistoryRow[],
  bufferLabel: string,
): OrderHistory {
  const entries = buildEntries(rows);
  const newest = entries.at(-1);
  return {
    orderId,
    entries: entries.reverse(),
    latestVersion: newest?.version ?? null,
    deleted: newest?.event === 'deleted',
    bufferLabel,
  };
}

/**
 * What the page says about changes DynamoDB has and the change log does not have yet.
 * `savedVersion` is the order's version in DynamoDB, or null when it is not there (deleted).
 */
export function freshnessNote(savedVersion: number | null, history: OrderHistory): string | null {
  const buffer = `Firehose buffers for up to ${history.bufferLabel}`;
  if (savedVersion === null) {
    if (history.deleted || history.latestVersion === null) return null;
    return `The delete is saved but not yet in the change log (${buffer}).`;
  }
  if (history.latestVersion === null || savedVersion > history.latestVersion) {
    return `Version ${savedVersion} is saved but not yet in the change log (${buffer}).`;
  }
  if (history.latestVersion > savedVersion) {
    return `The change log has a newer version (${history.latestVersion}) than this page shows (${savedVersion}); reload to see it.`;
  }
  return null;
}

/** Keep polling while the change log is behind what DynamoDB has saved. */
export function isBehind(savedVersion: number | null, history: OrderHistory): boolean {
  if (savedVersion === null) return !history.deleted && history.latestVersion !== null;
  return history.latestVersion === null || savedVersion > history.latestVersion;
}
