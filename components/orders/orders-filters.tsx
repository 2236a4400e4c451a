'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { STATUSES } from '@/lib/orders/constants';
import { buttonClass } from '@/components/ui/button-styles';
import { useHydratedMarker } from '@/components/ui/use-hydrated-marker';
import { filtersToQueryString, hasActiveFilters, type OrderFilters } from './filters';

const inputClass =
  'block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500';

/** Filters live in the URL, so every view of the list can be bookmarked and shared. */
export function OrdersFilters({ filters: fromUrl }: { filters: OrderFilters }) {
  const router = useRouter();
  const pathname = usePathname();
  const [pending, startTransition] = useTransition();
  const formRef = useHydratedMarker<HTMLFormElement>();
  // Changes build on what the user last chose, not on the URL, which lags while a navigation is
  // in flight: two quick changes must both survive.
  const [filters, setFilters] = useState(fromUrl);
  const [urlKey, setUrlKey] = useState(() => filtersToQueryString(fromUrl));
  const [text, setText] = useState(fromUrl.q ?? '');
  const nextUrlKey = filtersToQueryString(fromUrl);
  if (nextUrlKey !== urlKey && !pending) {
    // The URL changed on its own (back button, a link): show what it says.
    setUrlKey(nextUrlKey);
    setFilters(fromUrl);
  }

  const apply = (next: OrderFilters) => {
    setFilters(next);
    const query = filtersToQueryString(next);
    startTransition(() => router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false }));
  };

  // Search as you type, once typing pauses.
  useEffect(() => {
    if ((filters.q ?? '') === text.trim()) return;
    const timer = setTimeout(() => apply({ ...filters, q: text.trim() || undefined }), 300);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  return (
    <form
      ref={formRef}
      role="search"
      aria-label="Filter orders"
      aria-busy={pending}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:grid-cols-2 lg:grid-cols-[2fr_1fr_1fr_1fr_auto_auto]"
      onSubmit={(event) => {
        event.preventDefault();
        apply({ ...filters, q: text.trim() || undefined });
      }}
    >
      <label className="text-xs font-medium text-slate-600">
        Search
        <input
          type="search"
          name="q"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="Customer name, email or order id"
          className={`mt-1 ${inputClass}`}
        />
      </label>
      <label className="text-xs font-medium text-slate-600">
        Status
        <select
          name="status"
          value={filters.status ?? ''}
          onChange={(event) => apply({ ...filters, status: (event.target.value || undefined) as OrderFilters['status'] })}
          className={`mt-1 capitalize ${inputClass}`}
        >
          <option value="">Any status</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs font-medium text-slate-600">
        From (UTC)
        <input
          type="date"
          name="from"
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(event) => apply({ ...filters, from: event.target.value || undefined })}
          className={`mt-1 ${inputClass}`}
        />
      </label>
      <label className="text-xs font-medium text-slate-600">
        To (UTC)
        <input
          type="date"
          name="to"
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(event) => apply({ ...filters, to: event.target.value || undefined })}
          className={`mt-1 ${inputClass}`}
        />
      </label>
      <div className="flex items-end">
        <button
          type="button"
          className={buttonClass('secondary', 'w-full whitespace-nowrap')}
          onClick={() => apply({ ...filters, sort: filters.sort === 'desc' ? 'asc' : 'desc' })}
          aria-label={`Sort by order date, currently ${filters.sort === 'desc' ? 'newest first' : 'oldest first'}`}
        >
          {filters.sort === 'desc' ? 'Newest first ↓' : 'Oldest first ↑'}
        </button>
      </div>
      <div className="flex items-end">
        <button
          type="button"
          className={buttonClass('ghost', 'w-full')}
          disabled={!hasActiveFilters(filters)}
          onClick={() => {
            setText('');
            apply({ sort: filters.sort });
          }}
        >
          Clear
        </button>
      </div>
    </form>
  );
}
