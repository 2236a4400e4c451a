'use client';

import Link from 'next/link';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatDateTime } from '@/components/ui/format';
import { formatCount } from '@/lib/format-units';
import { PanelSkeleton } from './health-skeletons';
import { Panel } from './panel';
import { PayloadSample } from './payload-sample';
import { usePipelineHealth } from './use-pipeline-health';

/**
 * The newest Firehose error records: what failed, why, and the record itself. `queryHref` (given
 * only to roles that may open saved queries) links the count to every failed record in Athena.
 */
export function ErrorRecordsTable({ queryHref }: { queryHref?: string }) {
  const { data, error } = usePipelineHealth();
  if (!data) return error ? <ErrorState title="Error records are unavailable" message={error.message} /> : <PanelSkeleton rows={5} />;
  const { errors } = data;
  const aside = (
    <div className="flex flex-wrap items-center gap-3">
      <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium tabular-nums text-slate-700" data-testid="error-object-count">
        {formatCount(errors.objects)}
        {errors.objectsTruncated ? '+' : ''} object{errors.objects === 1 ? '' : 's'}
        {errors.recentObjects > 0 ? ` · ${formatCount(errors.recentObjects)} in the last hour` : ''}
      </span>
      {queryHref && (
        <Link href={queryHref} className="text-sm font-medium text-brand-700 hover:underline" data-testid="failed-records-query-link">
          Query failed records in Athena →
        </Link>
      )}
    </div>
  );
  return (
    <Panel
      testId="error-records"
      title="Error records"
      description={
        <>
          Records the transform refused, from <span className="font-mono">s3://…/{errors.prefix}</span>. Newest first.
        </>
      }
      aside={aside}
    >
      {errors.unavailable ? (
        <ErrorState title="The error prefix cannot be read" message={errors.unavailable} />
      ) : errors.samples.length === 0 ? (
        <EmptyState title="No errors">Poison records would appear here with their reason.</EmptyState>
      ) : (
        <div className="relative -mx-4 overflow-x-auto">
          <table className="w-full table-fixed text-left text-sm">
            <thead className="border-b border-slate-100 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="w-44 px-4 py-2 font-medium">Failed</th>
                <th scope="col" className="w-64 px-4 py-2 font-medium">Order</th>
                <th scope="col" className="px-4 py-2 font-medium">Reason</th>
                <th scope="col" className="w-[32%] px-4 py-2 font-medium">Record</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {errors.samples.map((record) => (
                <tr key={`${record.key}#${record.line}`} className="align-top" data-testid="error-record">
                  <td className="whitespace-nowrap px-4 py-3 text-xs text-slate-600">
                    {record.failedAt ? formatDateTime(record.failedAt) : '—'}
                    <div className="mt-0.5 text-slate-500">{record.errorOutputType ?? ''}</div>
                  </td>
                  <td className="truncate px-4 py-3 font-mono text-xs">
                    {record.orderId ? (
                      <Link href={`/pipeline/trace/${encodeURIComponent(record.orderId)}`} className="text-brand-700 hover:underline">
                        {record.orderId}
                      </Link>
                    ) : (
                      <span className="text-slate-500">unreadable</span>
                    )}
                    {record.eventName && <div className="mt-0.5 font-sans text-slate-500">{record.eventName}</div>}
                  </td>
                  <td className="px-4 py-3">
                    <p className="line-clamp-3 break-words font-medium text-slate-900" title={record.errorMessage}>
                      {record.errorMessage}
                    </p>
                    <p className="mt-0.5 font-mono text-xs text-slate-500">{record.errorCode}</p>
                  </td>
                  <td className="min-w-0 px-4 py-3">
                    <PayloadSample text={record.payload} truncated={record.payloadTruncated} label="Record" />
                    <p className="mt-1 truncate font-mono text-[11px] text-slate-400" title={record.key}>
                      {record.key.split('/').at(-1)} · line {record.line + 1}
                    </p>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {errors.objects > 0 && (
            <p className="px-4 pt-3 text-xs text-slate-500">
              Showing the {errors.samples.length} newest. Error objects stay in S3 until the bucket lifecycle removes them
              {errors.newestAt ? `; the newest was written ${formatDateTime(errors.newestAt)}` : ''}.
            </p>
          )}
        </div>
      )}
    </Panel>
  );
}

