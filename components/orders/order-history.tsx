'use client';

import { useQuery } from '@tanstack/react-query';
import { buttonClass } from '@/components/ui/button-styles';
import { formatDateTime } from '@/components/ui/format';
import { Skeleton } from '@/components/ui/skeleton';
import { ErrorState } from '@/components/ui/states';
import { freshnessNote, type HistoryEntry, type HistoryEvent } from '@/lib/orders/history-entries';
import { orderHistoryOptions } from './queries';

type Props = {
  orderId: string;
  /** The order's version in DynamoDB as the page loaded it; null when it is not there (deleted). */
  savedVersion: number | null;
};

/** The order's changes from the change log, newest first, with a note while the log is behind DynamoDB. */
export function OrderHistory({ orderId, savedVersion }: Props) {
  const query = useQuery(orderHistoryOptions(orderId, savedVersion));
  if (query.isPending) return <HistorySkeleton />;
  if (query.isError) {
    return (
      <div className="p-4">
        <ErrorState
          title="The order history could not be loaded"
          message={query.error.message}
          action={
            <button type="button" className={buttonClass('secondary')} onClick={() => void query.refetch()}>
              Try again
            </button>
          }
        />
      </div>
    );
  }
  const history = query.data;
  const note = freshnessNote(savedVersion, history);
  return (
    <div data-testid="order-history" data-latest-version={history.latestVersion ?? ''}>
      <div aria-live="polite">
        {note && (
          <p
            data-testid="history-freshness"
            className="border-b border-sky-100 bg-sky-50 px-4 py-2.5 text-sm text-sky-900"
          >
            {note}
          </p>
        )}
      </div>
      {history.entries.length === 0 ? (
        <div className="px-4 py-10 text-center" data-testid="history-empty">
          <p className="text-sm font-semibold text-slate-900">No changes in the change log yet</p>
          <p className="mx-auto mt-1 max-w-md text-sm text-slate-600">
            Changes show here once Firehose has delivered them to S3 and Athena can query them.
          </p>
        </div>
      ) : (
        <ol className="divide-y divide-slate-100">
          {history.entries.map((entry) => (
            <HistoryItem key={entry.key} entry={entry} showCustomer={savedVersion === null} />
          ))}
        </ol>
      )}
    </div>
  );
}

const EVENT_STYLES: Record<HistoryEvent, { label: string; className: string }> = {
  created: { label: 'Created', className: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' },
  edited: { label: 'Edited', className: 'bg-sky-50 text-sky-800 ring-sky-600/20' },
  deleted: { label: 'Deleted', className: 'bg-red-50 text-red-800 ring-red-600/20' },
};

/**
 * Shown for a created order; date and currency are in the details. So is the customer, unless
 * the order is gone from DynamoDB and the history is all that is left of it.
 */
const INITIAL_FIELDS = ['Status', 'Region', 'Channel', 'Line items', 'Total'];
const CUSTOMER_FIELDS = ['Customer name', 'Customer email'];

function HistoryItem({ entry, showCustomer }: { entry: HistoryEntry; showCustomer: boolean }) {
  const style = EVENT_STYLES[entry.event];
  const initialFields = showCustomer ? [...CUSTOMER_FIELDS, ...INITIAL_FIELDS] : INITIAL_FIELDS;
  return (
    <li
      data-testid="history-entry"
      data-event={entry.event}
      data-version={entry.version}
      className="px-4 py-3"
    >
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1 text-sm">
        <span
          className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
        >
          {style.label}
        </span>
        <span className="font-mono text-xs text-slate-600">v{entry.version}</span>
        <span className="text-slate-700">
          by{' '}
          <span
            data-testid="history-by"
            className={entry.by ? 'font-medium text-slate-900' : 'italic text-slate-500'}
          >
            {entry.by ?? 'unknown'}
          </span>
        </span>
        <time dateTime={entry.at} className="ml-auto text-xs text-slate-500">
          {formatDateTime(entry.at)}
        </time>
      </div>
      {entry.event === 'edited' &&
        (entry.changes.length > 0 ? (
          <ul className="mt-2 space-y-1 text-sm">
            {entry.changes.map((change) => (
              <li
                key={change.field}
                data-testid="history-change"
                className="grid gap-x-3 sm:grid-cols-[9rem_1fr]"
              >
                <span className="text-slate-500">{change.field}</span>
                <span className="break-words">
                  <del className="text-slate-500 decoration-slate-400">{change.before}</del>{' '}
                  <span aria-hidden>→</span>{' '}
                  <ins className="font-medium text-slate-900 no-underline">{change.after}</ins>
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-2 text-sm text-slate-600">No field changed (saved with the same values).</p>
        ))}
      {entry.initial && (
        <dl className="mt-2 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[9rem_1fr]">
          {entry.initial
            .filter((f) => initialFields.includes(f.field))
            .map((f) => (
              <div key={f.field} className="contents">
                <dt className="text-slate-500">{f.field}</dt>
                <dd className="break-words text-slate-900">{f.value}</dd>
              </div>
            ))}
        </dl>
      )}
    </li>
  );
}

function HistorySkeleton() {
  return (
    <div
      className="divide-y divide-slate-100"
      aria-busy="true"
      aria-label="Loading the order history"
      data-testid="history-loading"
    >
      {Array.from({ length: 3 }, (_, i) => (
        <div key={i} className="space-y-2 px-4 py-3">
          <div className="flex items-center gap-2">
            <Skeleton className="h-5 w-16 rounded-full" />
            <Skeleton className="h-4 w-8" />
            <Skeleton className="h-4 w-24" />
            <Skeleton className="ml-auto h-3 w-32" />
          </div>
          <Skeleton className="h-3 w-2/3" />
        </div>
      ))}
    </div>
  );
}
