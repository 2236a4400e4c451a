'use client';

import Link from 'next/link';
import { memo } from 'react';
import { shortId } from '@/components/ui/format';
import { CopyButton } from './copy-button';
import { EventBadge, WarningBadge } from './event-badge';
import { changedBy, displayLatency, isBookkeeping, rankedChanges, type FeedItem } from './feed-model';
import { formatValue } from './field-rows';
import { RecordDetail } from './record-detail';

const SHOWN_CHANGES = 3;

/** Shared by the rows and the list's column header so they line up. */
export const ROW_GRID =
  'grid grid-cols-[1rem_5rem_minmax(9rem,11rem)_minmax(0,1fr)_5rem_9.5rem_6.5rem_4.5rem] items-center gap-3 px-4';

/** 12:03:04.123 in UTC, like every time on this dashboard. */
const clock = (iso: string | null) => (iso ? iso.slice(11, 23) : '—');

function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  return ms < 1_000 ? `${ms} ms` : `${(ms / 1_000).toFixed(1)} s`;
}

function LatencyCell({ item }: { item: FeedItem }) {
  const latency = displayLatency(item.event);
  const title = latency?.upperBound
    ? 'At most this long from the change to its arrival in Kinesis: DynamoDB rounds the change time down'
    : 'From the write (the order’s updated_at) to its arrival in Kinesis';
  return (
    <span className="text-right text-[11px] tabular-nums text-slate-600" title={title}>
      {latency ? `${latency.upperBound ? '≤ ' : ''}${formatLatency(latency.ms)}` : '—'}
    </span>
  );
}

function ChangedBy({ item }: { item: FeedItem }) {
  const by = changedBy(item.event);
  if (!by) return null;
  return (
    <span data-testid="feed-changed-by" className="max-w-[8rem] shrink-0 truncate text-[11px] text-slate-600" title={`Changed by ${by}`}>
      by {by}
    </span>
  );
}

function ChangeSummary({ item }: { item: FeedItem }) {
  const { event } = item;
  if (event.error)
    return <WarningBadge>{event.eventName ? 'Partly unreadable' : 'Not JSON: raw bytes'}</WarningBadge>;
  if (event.eventName !== 'MODIFY') {
    const image = event.newImage ?? event.oldImage;
    const name = (image?.customer as { name?: unknown } | undefined)?.name;
    return (
      <span className="truncate text-slate-600">
        {event.eventName === 'INSERT' ? 'New order' : 'Deleted order'}
        {typeof name === 'string' && <> · {name}</>}
      </span>
    );
  }
  const changes = rankedChanges(event);
  if (!changes.length) return <span className="text-slate-500">No field changed</span>;
  // What the user edited gets a chip with its values; the bookkeeping fields only a count.
  const edits = changes.filter((d) => !isBookkeeping(d.path)).slice(0, SHOWN_CHANGES);
  const rest = changes.length - edits.length;
  return (
    <span className="flex min-w-0 items-center gap-1.5 overflow-hidden">
      {edits.map((d) => (
        <span
          key={d.path}
          data-changed="true"
          data-path={d.path}
          className="inline-flex max-w-[16rem] min-w-0 shrink-0 items-center gap-1 truncate rounded bg-amber-50 px-1.5 py-0.5 font-mono text-[11px] text-amber-950 ring-1 ring-inset ring-amber-500/30 last-of-type:shrink"
          title={`${d.path}: ${'old' in d ? formatValue(d.old) : '—'} → ${'new' in d ? formatValue(d.new) : '—'}`}
        >
          <span className="shrink-0 font-semibold">{d.path}</span>
          {d.kind === 'changed' && typeof d.new !== 'object' && (
            <span className="truncate text-amber-900">
              {formatValue(d.old)} → {formatValue(d.new)}
            </span>
          )}
          {d.kind !== 'changed' && <span className="text-amber-900">{d.kind}</span>}
        </span>
      ))}
      {rest > 0 && (
        <span
          className="shrink-0 text-[11px] text-slate-500"
          title={changes
            .filter((d) => !edits.includes(d))
            .map((d) => d.path)
            .join(', ')}
        >
          {edits.length ? `+${rest} more` : changes.map((d) => d.path).join(', ')}
        </span>
      )}
    </span>
  );
}

/** One record: a one-line summary that expands into its diff. */
export const FeedRow = memo(function FeedRow({
  item,
  expanded,
  onToggle,
}: {
  item: FeedItem;
  expanded: boolean;
  onToggle: (id: string) => void;
}) {
  const { event, orderId } = item;
  const seq = event.sequenceNumber;
  return (
    <div
      data-testid="feed-row"
      data-event={event.eventName ?? 'RAW'}
      data-order-id={orderId ?? ''}
      data-shard={event.shardId}
      className={`border-b border-slate-100 ${expanded ? 'bg-white' : 'bg-white hover:bg-slate-50'}`}
    >
      <div
        role="button"
        tabIndex={0}
        aria-expanded={expanded}
        aria-label={`${event.eventName ?? 'Unreadable record'} ${orderId ?? event.partitionKey}, ${expanded ? 'hide' : 'show'} details`}
        onClick={() => onToggle(event.id)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            onToggle(event.id);
          }
        }}
        className={`${ROW_GRID} cursor-pointer py-2.5 text-sm`}
      >
        <span aria-hidden className={`text-slate-400 transition-transform ${expanded ? 'rotate-90' : ''}`}>
          ›
        </span>
        <EventBadge name={event.eventName} />
        <span className="flex min-w-0 items-center gap-2">
          {orderId ? (
            <>
              <Link
                href={`/orders/${orderId}`}
                onClick={(e) => e.stopPropagation()}
                className="truncate font-mono text-xs font-medium text-brand-700 hover:underline"
                title={`Order ${orderId}`}
              >
                {shortId(orderId)}
              </Link>
              <Link
                href={`/pipeline/trace/${orderId}`}
                onClick={(e) => e.stopPropagation()}
                className="rounded px-1 text-[11px] font-medium text-slate-500 ring-1 ring-inset ring-slate-200 hover:bg-slate-100 hover:text-slate-900"
                title="Follow this order through the pipeline"
              >
                Trace
              </Link>
            </>
          ) : (
            <span className="truncate font-mono text-xs text-slate-500">{event.partitionKey || '—'}</span>
          )}
        </span>
        <span className="flex min-w-0 items-center gap-2 text-xs">
          <span className="min-w-0 flex-1 overflow-hidden">
            <ChangeSummary item={item} />
          </span>
          <ChangedBy item={item} />
        </span>
        <span className="font-mono text-[11px] text-slate-600" title={event.shardId}>
          {event.shardId.replace('shardId-', 'shard ').replace(/ 0+(?=\d)/, ' ')}
        </span>
        <span className="flex min-w-0 items-center gap-1 font-mono text-[11px] text-slate-600">
          <span className="truncate" title={seq}>
            …{seq.slice(-10)}
          </span>
          <CopyButton value={seq} label="Copy sequence number" />
        </span>
        <span
          className="font-mono text-[11px] tabular-nums text-slate-700"
          title={event.arrivalTime ?? undefined}
        >
          {clock(event.arrivalTime)}
        </span>
        <LatencyCell item={item} />
      </div>
      {expanded && <RecordDetail item={item} />}
    </div>
  );
});
