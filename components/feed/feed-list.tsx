'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import type { FeedItem } from './feed-model';
import { FeedRow, ROW_GRID } from './feed-row';

const ROW_HEIGHT = 45;

/** Only the rows in view are in the DOM, so 5,000 records scroll as smoothly as 50. */
export function FeedList({
  items,
  expanded,
  onToggle,
}: {
  items: FeedItem[];
  expanded: ReadonlySet<string>;
  onToggle: (id: string) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (expanded.has(items[i]!.event.id) ? 360 : ROW_HEIGHT),
    getItemKey: (i) => items[i]!.event.id,
    overscan: 12,
  });
  return (
    <>
      <div
        aria-hidden
        className={`${ROW_GRID} border-b border-slate-200 bg-white py-2 text-[11px] font-medium uppercase tracking-wide text-slate-500`}
      >
        <span />
        <span>Event</span>
        <span>Order</span>
        <span>Changes</span>
        <span>Shard</span>
        <span>Sequence</span>
        <span>Arrival (UTC)</span>
        <span className="text-right">Latency</span>
      </div>
      <div
        ref={scrollRef}
        data-testid="feed-list"
        className="h-[min(70vh,720px)] min-h-[420px] overflow-y-auto"
        style={{ contain: 'strict' }}
      >
        <div
          role="list"
          aria-label="Change records, newest first"
          className="relative w-full"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {virtualizer.getVirtualItems().map((row) => {
            const item = items[row.index]!;
            return (
              <div
                key={row.key}
                role="listitem"
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="absolute left-0 top-0 w-full"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                <FeedRow item={item} expanded={expanded.has(item.event.id)} onToggle={onToggle} />
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
