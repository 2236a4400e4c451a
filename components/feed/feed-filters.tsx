'use client';

import { Field, inputClass } from '@/components/ui/field';
import { EVENT_NAMES, hasFilters, noFilters, type EventName, type FeedFilters } from './feed-model';

const CHIP: Record<EventName, string> = {
  INSERT: 'aria-pressed:bg-emerald-600 aria-pressed:text-white aria-pressed:ring-emerald-600',
  MODIFY: 'aria-pressed:bg-sky-600 aria-pressed:text-white aria-pressed:ring-sky-600',
  REMOVE: 'aria-pressed:bg-rose-600 aria-pressed:text-white aria-pressed:ring-rose-600',
};

/** Client-side filters over the records already received; the stream itself is not touched. */
export function FeedFiltersBar({
  filters,
  shards,
  onChange,
}: {
  filters: FeedFilters;
  shards: string[];
  onChange: (next: FeedFilters) => void;
}) {
  const toggle = (name: EventName) =>
    onChange({
      ...filters,
      events: filters.events.includes(name)
        ? filters.events.filter((n) => n !== name)
        : [...filters.events, name],
    });
  return (
    <div role="search" aria-label="Filter records" className="flex flex-wrap items-end gap-3">
      <fieldset>
        <legend className="mb-1 text-xs font-medium text-slate-700">Event type</legend>
        <div className="flex gap-1">
          {EVENT_NAMES.map((name) => (
            <button
              key={name}
              type="button"
              aria-pressed={filters.events.includes(name)}
              onClick={() => toggle(name)}
              className={`rounded-md bg-white px-2.5 py-2 font-mono text-xs font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 ${CHIP[name]}`}
            >
              {name}
            </button>
          ))}
        </div>
      </fieldset>
      <Field label="Order id" htmlFor="feed-order-id" className="w-56">
        <input
          id="feed-order-id"
          className={`${inputClass} font-mono`}
          placeholder="01J… (any part)"
          value={filters.orderId}
          onChange={(e) => onChange({ ...filters, orderId: e.target.value })}
        />
      </Field>
      <Field label="Shard" htmlFor="feed-shard" className="w-44">
        <select
          id="feed-shard"
          className={inputClass}
          value={filters.shard}
          onChange={(e) => onChange({ ...filters, shard: e.target.value })}
        >
          <option value="">All shards</option>
          {shards.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Search payload" htmlFor="feed-text" className="min-w-48 flex-1">
        <input
          id="feed-text"
          type="search"
          className={inputClass}
          placeholder="customer, sku, status…"
          value={filters.text}
          onChange={(e) => onChange({ ...filters, text: e.target.value })}
        />
      </Field>
      {hasFilters(filters) && (
        <button
          type="button"
          onClick={() => onChange(noFilters)}
          className="py-2 text-xs font-medium text-brand-700 hover:underline"
        >
          Clear filters
        </button>
      )}
    </div>
  );
}
