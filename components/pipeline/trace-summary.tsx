import Link from 'next/link';
import { formatMoney, type Currency } from '@/lib/orders/money';
import type { Trace } from '@/lib/trace/types';
import { formatStageTime } from './trace-format';

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid={testId}>
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{title}</h2>
      <div className="mt-1.5 text-sm text-slate-900">{children}</div>
    </section>
  );
}

const money = (cents: number | null, currency: string | null) =>
  cents !== null && currency ? formatMoney(cents, currency as Currency) : null;

/** The order now, in DynamoDB and in Athena's current state, and where the trace stands. */
export function TraceSummary({ trace, fetching, onRefresh }: { trace: Trace; fetching: boolean; onRefresh: () => void }) {
  const { order, athenaCurrent } = trace;
  const counts = {
    complete: trace.changes.filter((c) => c.status === 'complete').length,
    inFlight: trace.changes.filter((c) => c.status === 'in_flight').length,
    failed: trace.changes.filter((c) => c.status === 'failed').length,
    stuck: trace.changes.filter((c) => c.status === 'stuck').length,
  };
  const agrees = order.state === 'exists' ? athenaCurrent?.version === order.version : athenaCurrent === null;
  const latestFailed = trace.changes.some((c) => c.version === order.version && c.status === 'failed');
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      <Card title="DynamoDB item" testId="trace-dynamodb">
        {order.state === 'exists' ? (
          <>
            <p className="font-semibold">
              <Link href={`/orders/${trace.orderId}`} className="text-brand-700 hover:underline">
                {order.customerName}
              </Link>{' '}
              <span className="font-mono text-slate-700">v{order.version}</span>
            </p>
            <p className="text-xs text-slate-600">
              {order.status} · {money(order.totalCents, order.currency)} · updated {order.updatedAt ? formatStageTime(order.updatedAt) : '—'}
            </p>
          </>
        ) : order.state === 'deleted' ? (
          <>
            <p className="font-semibold">Deleted</p>
            <p className="text-xs text-slate-600">Not in the table any more; its history is below.</p>
          </>
        ) : !trace.sources.dynamodb.ok ? (
          <p className="font-semibold text-amber-800">Could not be read</p>
        ) : (
          <p className="font-semibold text-slate-700">Never existed</p>
        )}
      </Card>
      <Card title="Athena current state" testId="trace-athena-current">
        {athenaCurrent ? (
          <>
            <p className="font-semibold">
              <span className="font-mono">v{athenaCurrent.version}</span> · {athenaCurrent.status}
            </p>
            <p className="text-xs text-slate-600">
              {money(athenaCurrent.totalCents, athenaCurrent.currency)} in <span className="font-mono">orders_current</span>
            </p>
          </>
        ) : !trace.sources.athena.ok ? (
          <p className="font-semibold text-amber-800">Could not be read</p>
        ) : (
          <p className="font-semibold text-slate-700">
            {order.state === 'deleted' ? 'No row (deleted)' : order.state === 'unknown' ? 'No row' : 'No row yet'}
          </p>
        )}
        {trace.sources.athena.ok && order.state !== 'unknown' && (
          <p className={`mt-1 text-xs font-medium ${agrees ? 'text-emerald-700' : latestFailed ? 'text-red-700' : 'text-amber-800'}`}>
            {agrees
              ? 'Agrees with DynamoDB'
              : latestFailed
                ? `Will not reach v${order.version}: that change failed`
                : `Behind DynamoDB (v${order.version})`}
          </p>
        )}
      </Card>
      <Card title="Changes" testId="trace-counts">
        <p className="font-semibold">
          {trace.changes.length} change{trace.changes.length === 1 ? '' : 's'}
        </p>
        <p className="text-xs text-slate-600">
          {[
            `${counts.complete} complete`,
            counts.inFlight ? `${counts.inFlight} in flight` : '',
            counts.failed ? `${counts.failed} failed` : '',
            counts.stuck ? `${counts.stuck} stuck` : '',
          ]
            .filter(Boolean)
            .join(' · ')}
        </p>
      </Card>
      <Card title="Trace" testId="trace-state">
        <div className="flex items-start justify-between gap-2">
          {trace.settled ? (
            <p className="flex items-center gap-2 font-semibold text-emerald-800">
              <span aria-hidden className="h-2 w-2 rounded-full bg-emerald-500" /> Settled
            </p>
          ) : (
            <p className="flex items-center gap-2 font-semibold text-sky-800">
              <span aria-hidden className="h-2 w-2 animate-pulse rounded-full bg-sky-500" /> Watching
            </p>
          )}
          {trace.settled && (
            <button
              type="button"
              onClick={onRefresh}
              disabled={fetching}
              className="rounded-md px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-inset ring-slate-200 hover:bg-slate-50 disabled:opacity-60"
            >
              {fetching ? 'Refreshing…' : 'Refresh'}
            </button>
          )}
        </div>
        <p className="text-xs text-slate-600">
          {trace.settled ? 'Nothing left to wait for.' : 'Refreshing every second until every change lands.'} Traced at{' '}
          {formatStageTime(trace.tracedAt)}
        </p>
      </Card>
    </div>
  );
}
