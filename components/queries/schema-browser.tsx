'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { PanelError, PanelLoading } from './panel-states';
import { schemaOptions } from './query-options';

/** Tables and columns from Athena's ListTableMetadata; a click inserts the name into the editor. */
export function SchemaBrowser({ onInsert }: { onInsert: (text: string) => void }) {
  const { data, isPending, isError, refetch } = useQuery(schemaOptions());
  const [open, setOpen] = useState<Record<string, boolean>>({ orders_current: true });

  return (
    <section aria-label="Schema" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <h2 className="border-b border-slate-100 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Schema</h2>
      {isPending ? (
        <PanelLoading label="Loading schema">
          <Skeleton className="h-4 w-32" />
          <Skeleton className="h-4 w-28" />
        </PanelLoading>
      ) : isError ? (
        <PanelError message="The catalog could not be read." onRetry={() => refetch()} textClass="text-xs" />
      ) : data.length === 0 ? (
        <p className="p-3 text-xs text-slate-600">The database has no tables yet.</p>
      ) : (
        <ul className="max-h-[300px] overflow-y-auto p-1.5 text-sm">
          {data.map((table) => (
            <li key={table.name}>
              <div className="flex items-center gap-1">
                <button
                  type="button"
                  aria-expanded={open[table.name] ?? false}
                  onClick={() => setOpen((o) => ({ ...o, [table.name]: !o[table.name] }))}
                  className="grid h-6 w-6 place-items-center rounded text-slate-500 hover:bg-slate-100"
                  aria-label={`${open[table.name] ? 'Collapse' : 'Expand'} ${table.name}`}
                >
                  <span aria-hidden className={`text-[10px] transition-transform ${open[table.name] ? 'rotate-90' : ''}`}>
                    ▶
                  </span>
                </button>
                <button
                  type="button"
                  onClick={() => onInsert(table.name)}
                  title={`Insert ${table.name}`}
                  className="flex-1 truncate rounded px-1 py-0.5 text-left font-medium text-slate-800 hover:bg-slate-100"
                >
                  {table.name}
                </button>
                <span className="pr-1 text-[10px] uppercase text-slate-500">{table.kind}</span>
              </div>
              {open[table.name] && (
                <ul className="mb-1 ml-7 border-l border-slate-100 pl-2">
                  {table.columns.map((column) => (
                    <li key={column.name}>
                      <button
                        type="button"
                        onClick={() => onInsert(column.name)}
                        title={`Insert ${column.name}`}
                        className="flex w-full items-baseline justify-between gap-2 rounded px-1 py-0.5 text-left hover:bg-slate-100"
                      >
                        <span className="truncate font-mono text-xs text-slate-800">
                          {column.name}
                          {column.partition && <span className="ml-1 rounded bg-amber-100 px-1 text-[10px] text-amber-800">partition</span>}
                        </span>
                        <span className="max-w-[90px] shrink-0 truncate font-mono text-[10px] text-slate-500" title={column.type}>
                          {column.type}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
