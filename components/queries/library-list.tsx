'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import type { SavedQuery } from './api';
import { groupQueries, matchesSearch, type Grouping } from './library-groups';
import { savedQueriesOptions } from './query-options';

/** The saved queries, searchable, grouped by folder or by tag. */

export function LibraryList({ selectedId, onSelect }: { selectedId: string | null; onSelect: (q: SavedQuery) => void }) {
  const { data, isPending, isError, error, refetch } = useQuery(savedQueriesOptions());
  const [search, setSearch] = useState('');
  const [grouping, setGrouping] = useState<Grouping>('folder');
  const groups = useMemo(
    () => groupQueries((data ?? []).filter((q) => matchesSearch(q, search)), grouping),
    [data, search, grouping],
  );

  return (
    <section aria-labelledby="library-heading" className="flex flex-col gap-3">
      {/* Heads the folder and tag h3s below (the page's next visible heading is an h2). */}
      <h2 id="library-heading" className="sr-only">
        Saved queries
      </h2>
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Search name, SQL, tag…"
        aria-label="Search saved queries"
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500"
      />
      <div role="radiogroup" aria-label="Group by" className="flex rounded-md bg-slate-100 p-0.5 text-xs font-medium">
        {(['folder', 'tag'] as const).map((g) => (
          <button
            key={g}
            type="button"
            role="radio"
            aria-checked={grouping === g}
            onClick={() => setGrouping(g)}
            className={`flex-1 rounded px-2 py-1 ${grouping === g ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
          >
            By {g}
          </button>
        ))}
      </div>
      {isPending ? (
        <div role="status" aria-label="Loading saved queries" className="space-y-2">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : isError ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-xs text-red-900">
          <p className="font-semibold">Saved queries could not be loaded</p>
          <p className="mt-0.5">{error.message}</p>
          <button type="button" onClick={() => refetch()} className="mt-2 font-medium underline">
            Try again
          </button>
        </div>
      ) : groups.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-6 text-center text-sm text-slate-600">
          {search ? `No saved query matches “${search}”.` : 'No saved queries yet. Write one and save it.'}
        </p>
      ) : (
        <nav aria-label="Library" className="space-y-4">
          {groups.map(([group, queries]) => (
            <div key={group}>
              <h3 className="px-2 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{group}</h3>
              <ul className="mt-1 space-y-0.5">
                {queries.map((q) => (
                  <li key={`${group}-${q.id}`}>
                    <button
                      type="button"
                      onClick={() => onSelect(q)}
                      aria-current={q.id === selectedId ? 'true' : undefined}
                      className={`flex w-full items-center justify-between gap-2 rounded-md px-2 py-1.5 text-left text-sm ${
                        q.id === selectedId ? 'bg-brand-50 font-medium text-brand-700' : 'text-slate-700 hover:bg-slate-100'
                      }`}
                    >
                      <span className="truncate" title={q.name}>
                        {q.name}
                      </span>
                      {q.built_in ? (
                        <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-medium text-slate-600">built-in</span>
                      ) : (
                        q.owner && <span className="shrink-0 text-[11px] text-slate-500">by {q.owner}</span>
                      )}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
      )}
    </section>
  );
}
