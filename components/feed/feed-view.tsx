'use client';

import Link from 'next/link';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { buttonClass } from '@/components/ui/button-styles';
import { Skeleton } from '@/components/ui/skeleton';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { useHydratedMarker } from '@/components/ui/use-hydrated-marker';
import { formatCount, plural } from '@/lib/format-units';
import { ConnectionBadge } from './connection-badge';
import { ExportButtons } from './export-buttons';
import {
  emptyBuffer,
  filterItems,
  hasFilters,
  MAX_BUFFER,
  noFilters,
  pauseBuffer,
  receiveItems,
  resumeBuffer,
  type FeedBuffer,
  type FeedFilters,
  type FeedItem,
} from './feed-model';
import { FeedFiltersBar } from './feed-filters';
import { FeedList } from './feed-list';
import { PositionControl } from './position-control';
import { ShardSparkline } from './sparkline';
import { LIVE_TAIL, POSITION_LABELS, type StartPosition } from './stream-url';
import { bucketThroughput } from './throughput';
import { useFeedStream } from './use-feed-stream';

/** A clock that ticks once a second, so the sparklines slide even when nothing arrives. */
function useNow(intervalMs = 1_000) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function ListSkeleton() {
  return (
    <div className="space-y-px p-4" aria-label="Connecting to the change stream">
      {Array.from({ length: 6 }, (_, i) => (
        <Skeleton key={i} className="my-2 h-7 w-full" />
      ))}
    </div>
  );
}

/** The live change feed: stream, buffer, filters, list and export. */
export function FeedView({ shardIds }: { shardIds: string[] }) {
  const marker = useHydratedMarker<HTMLDivElement>();
  const [position, setPosition] = useState<StartPosition>(LIVE_TAIL);
  const [buffer, setBuffer] = useState<FeedBuffer>(() => emptyBuffer());
  const [filters, setFilters] = useState<FeedFilters>(noFilters);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const now = useNow();

  const onItems = useCallback((items: FeedItem[]) => setBuffer((b) => receiveItems(b, items)), []);
  const { connection, retry } = useFeedStream(position, onItems);

  const apply = (next: StartPosition) => {
    // A new start position is a new session: what was read from the old one would mislead.
    setBuffer((b) => emptyBuffer(b.paused));
    setExpanded(new Set());
    setPosition(next);
  };
  const toggle = useCallback(
    (id: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  const visible = useMemo(() => filterItems(buffer.shown, filters), [buffer.shown, filters]);
  const all = useMemo(() => [...buffer.pending, ...buffer.shown], [buffer]);
  const shards = useMemo(
    () => [...new Set([...shardIds, ...all.map((i) => i.event.shardId)])].sort(),
    [shardIds, all],
  );
  const throughput = useMemo(() => bucketThroughput(all, now, shardIds), [all, now, shardIds]);
  const held = buffer.shown.length + buffer.pending.length;
  const filtered = hasFilters(filters);

  return (
    <div ref={marker} className="space-y-4" data-testid="feed-view">
      <section
        aria-label="Stream"
        className="flex flex-wrap items-end justify-between gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <PositionControl key={JSON.stringify(position)} current={position} shards={shards} onApply={apply} />
        <div className="flex items-center gap-3">
          <ConnectionBadge connection={connection} paused={buffer.paused} />
          <button
            type="button"
            onClick={() => setBuffer(buffer.paused ? resumeBuffer : pauseBuffer)}
            aria-pressed={buffer.paused}
            className={buttonClass(buffer.paused ? 'primary' : 'secondary')}
          >
            {buffer.paused
              ? buffer.pending.length
                ? `Resume (${buffer.pending.length} new)`
                : 'Resume'
              : 'Pause'}
          </button>
        </div>
        {connection.status === 'error' && (
          <div className="w-full">
            <ErrorState
              title="The feed cannot start from there"
              message={connection.reason}
              action={
                <div className="flex gap-2">
                  <button type="button" className={buttonClass('secondary')} onClick={() => apply(LIVE_TAIL)}>
                    Back to the live tail
                  </button>
                  <button type="button" className={buttonClass('ghost')} onClick={retry}>
                    Try again
                  </button>
                </div>
              }
            />
          </div>
        )}
        {connection.status === 'reconnecting' && (
          <p role="status" className="w-full text-xs text-amber-900">
            {connection.reason}
          </p>
        )}
        {connection.status === 'live' && connection.resumed && (
          <p role="status" data-testid="feed-resumed" className="w-full text-xs text-slate-600">
            Reconnected; the feed resumed from the last record it had.
          </p>
        )}
      </section>

      <section aria-label="Throughput per shard (last 60 s)" className="flex flex-wrap items-center gap-3">
        {throughput.map((shard) => (
          <ShardSparkline key={shard.shardId} shard={shard} />
        ))}
        <p className="text-xs text-slate-500">
          Records per second per shard over the last minute, as this tab received them.
        </p>
      </section>

      <section
        aria-label="Records"
        className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
      >
        <div className="border-b border-slate-200 p-4">
          <FeedFiltersBar filters={filters} shards={shards} onChange={setFilters} />
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-4 py-2 text-xs text-slate-600">
          <p data-testid="feed-count" aria-live="polite">
            {filtered
              ? `${formatCount(visible.length)} of ${formatCount(buffer.shown.length)} records match`
              : plural(buffer.shown.length, 'record')}
            {' · '}
            {POSITION_LABELS[position.type]}
            {position.shard !== 'all' && ` on ${position.shard}`}
            {' · keeps the newest '}
            {formatCount(MAX_BUFFER)} in this tab
            {buffer.dropped > 0 && ` (${formatCount(buffer.dropped)} older dropped)`}
          </p>
          {buffer.paused && (
            <button
              type="button"
              data-testid="paused-banner"
              onClick={() => setBuffer(resumeBuffer)}
              className="rounded-full bg-brand-600 px-3 py-1 text-xs font-medium text-white shadow-sm hover:bg-brand-700"
            >
              Paused · {formatCount(buffer.pending.length)} new while paused — resume
            </button>
          )}
          <ExportButtons items={visible} />
        </div>
        {visible.length > 0 ? (
          <FeedList items={visible} expanded={expanded} onToggle={toggle} />
        ) : connection.status === 'connecting' && held === 0 ? (
          <ListSkeleton />
        ) : (
          <div className="p-4">
            {filtered && buffer.shown.length > 0 ? (
              <EmptyState
                title="No record matches these filters"
                action={
                  <button
                    type="button"
                    className={buttonClass('secondary')}
                    onClick={() => setFilters(noFilters)}
                  >
                    Clear filters
                  </button>
                }
              >
                {formatCount(buffer.shown.length)} records are hidden by the filters.
              </EmptyState>
            ) : connection.status === 'error' ? (
              <EmptyState title="The stream is not running">
                Pick another start position above, or go back to the live tail.
              </EmptyState>
            ) : buffer.paused && buffer.pending.length > 0 ? (
              <EmptyState title="Paused">Resume to see the records that arrived.</EmptyState>
            ) : (
              <EmptyState
                title="Waiting for changes… edit an order to see one"
                action={
                  <Link href="/orders" className={buttonClass('secondary')}>
                    Open orders
                  </Link>
                }
              >
                {position.type === 'LATEST'
                  ? 'The feed shows changes from now on. To look back, start from Trim horizon or a timestamp.'
                  : 'Nothing in the stream from this position yet; new changes will appear here.'}
              </EmptyState>
            )}
          </div>
        )}
      </section>
    </div>
  );
}
