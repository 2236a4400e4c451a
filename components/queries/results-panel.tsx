'use client';

import { useQuery } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import { Skeleton } from '@/components/ui/skeleton';
import { csvUrl } from './api';
import { resultsOptions } from './query-options';

const PAGE_SIZE = 100;
/** The chart reads the first page of up to 1,000 rows (one Athena page). */
const CHART_ROWS = 1000;

// recharts is large; it loads only when someone opens the Chart tab.
const ResultChart = dynamic(() => import('./result-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-72 w-full" />,
});

const NUMERIC = /^(tinyint|smallint|integer|int|bigint|double|real|float|decimal)/i;

/** Paged results of a succeeded execution, a chart of them, and the full CSV export. */
export function ResultsPanel({ executionId }: { executionId: string }) {
  // Pages visited, with the row number each starts at: Athena counts the header row in the first
  // page's MaxResults, so pages do not all hold the same number of rows.
  const [pages, setPages] = useState<{ token: string | null; first: number }[]>([{ token: null, first: 1 }]);
  const [view, setView] = useState<'table' | 'chart'>('table');
  const { token, first } = pages.at(-1) ?? { token: null, first: 1 };
  const page = useQuery(resultsOptions(executionId, token, PAGE_SIZE));
  const pageIndex = pages.length - 1;

  return (
    <section aria-label="Results" className="rounded-lg border border-slate-200 bg-white shadow-sm">
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-3 py-2">
        <div role="tablist" aria-label="Result view" className="flex rounded-md bg-slate-100 p-0.5 text-xs font-medium">
          {(['table', 'chart'] as const).map((v) => (
            <button
              key={v}
              type="button"
              role="tab"
              aria-selected={view === v}
              onClick={() => setView(v)}
              className={`rounded px-3 py-1 capitalize ${view === v ? 'bg-white text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {v}
            </button>
          ))}
        </div>
        {view === 'table' && page.data && (
          <span data-testid="rows-range" className="text-xs text-slate-600">
            {page.data.rows.length === 0 ? 'No rows' : `Rows ${first}–${first + page.data.rows.length - 1}`}
          </span>
        )}
        <a
          href={csvUrl(executionId)}
          download
          className="ml-auto rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50"
        >
          Export CSV (all rows)
        </a>
      </div>
      {view === 'chart' ? (
        <ChartView executionId={executionId} />
      ) : page.isPending ? (
        <div role="status" aria-label="Loading results" className="space-y-2 p-3">
          {Array.from({ length: 6 }, (_, i) => (
            <Skeleton key={i} className="h-5 w-full" />
          ))}
        </div>
      ) : page.isError ? (
        <p role="alert" className="p-3 text-sm text-red-800">
          Results could not be loaded: {page.error.message}
        </p>
      ) : (
        <>
          <div className="relative max-h-[480px] overflow-auto">
            <table className="min-w-full text-sm" data-testid="results-table">
              <thead className="sticky top-0 bg-slate-50 text-left text-xs font-semibold text-slate-600">
                <tr>
                  {page.data.columns.map((c) => (
                    <th key={c.name} scope="col" className="whitespace-nowrap px-3 py-2">
                      {c.name} <span className="font-normal text-slate-500">{c.type}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.data.rows.map((row, r) => (
                  <tr key={r} className="hover:bg-slate-50">
                    {row.map((value, c) => (
                      <td
                        key={c}
                        className={`max-w-xs truncate whitespace-nowrap px-3 py-1.5 font-mono text-xs ${
                          NUMERIC.test(page.data.columns[c]?.type ?? '') ? 'text-right tabular-nums' : ''
                        } ${value === null ? 'italic text-slate-400' : 'text-slate-800'}`}
                        title={value ?? 'NULL'}
                      >
                        {value ?? 'NULL'}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
            {page.data.rows.length === 0 && <p className="px-3 py-6 text-center text-sm text-slate-600">The query returned no rows.</p>}
          </div>
          <div className="flex items-center justify-end gap-2 border-t border-slate-100 px-3 py-2">
            <button
              type="button"
              onClick={() => setPages((p) => p.slice(0, -1))}
              disabled={pageIndex === 0}
              className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-50"
            >
              Previous
            </button>
            <span className="text-xs text-slate-600">Page {pageIndex + 1}</span>
            <button
              type="button"
              onClick={() => {
                const next = page.data.next_token;
                if (next) setPages((p) => [...p, { token: next, first: first + page.data.rows.length }]);
              }}
              disabled={!page.data.next_token}
              className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm text-slate-800 hover:bg-slate-50 disabled:opacity-50"
            >
              Next
            </button>
          </div>
        </>
      )}
    </section>
  );
}

function ChartView({ executionId }: { executionId: string }) {
  const data = useQuery(resultsOptions(executionId, null, CHART_ROWS));
  if (data.isPending) return <Skeleton className="m-3 h-72" />;
  if (data.isError) return <p className="p-3 text-sm text-red-800">The chart data could not be loaded: {data.error.message}</p>;
  return <ResultChart columns={data.data.columns} rows={data.data.rows} more={data.data.next_token !== null} />;
}
