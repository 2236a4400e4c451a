'use client';

import { ErrorState } from '@/components/ui/states';
import { formatDateTime } from '@/components/ui/format';
import { formatBytes, formatCount } from '@/lib/format-units';
import { changeLogBucket } from '@/lib/resources';
import { PanelSkeleton } from './health-skeletons';
import { Panel } from './panel';
import { formatAgo, useNow } from './use-now';
import { usePipelineHealth } from './use-pipeline-health';

function Fact({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`mt-0.5 truncate text-sm font-medium text-slate-900 ${mono ? 'font-mono text-xs' : 'tabular-nums'}`} title={value}>
        {value}
      </dd>
    </div>
  );
}

/** The newest object Firehose wrote to the change log, and today's partition in numbers. */
export function LastDelivered() {
  const { data, error } = usePipelineHealth();
  const now = useNow();
  if (!data) return error ? <ErrorState title="Deliveries are unavailable" message={error.message} /> : <PanelSkeleton rows={4} />;
  const s3 = data.stages.find((s) => s.id === 's3');
  const object = data.lastDelivered;
  const { today } = data;
  return (
    <Panel
      testId="last-delivered"
      title="Last delivered object"
      description={`The newest file Firehose wrote under ${changeLogBucket.tablePrefix}, read through the S3 API.`}
    >
      {s3?.status === 'failing' ? (
        <ErrorState title="The change log cannot be listed" message={s3.reason} />
      ) : object ? (
        <div className="space-y-4">
          <p className="break-all font-mono text-xs text-slate-800" data-testid="last-delivered-key">
            {object.key}
          </p>
          <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
            <Fact label="Written" value={`${formatAgo(object.lastModified, now) || formatDateTime(object.lastModified)}`} />
            <Fact label="Rows" value={formatCount(object.rows)} />
            <Fact label="Size" value={formatBytes(object.size)} />
            <Fact label="Newest change" value={object.newestChangeTime ? formatDateTime(object.newestChangeTime) : '—'} />
          </dl>
        </div>
      ) : (
        <p className="text-sm text-slate-600">
          Nothing delivered yet. Create or edit an order; its change lands here within a few seconds.
        </p>
      )}
      <dl className="mt-4 grid grid-cols-3 gap-4 border-t border-slate-100 pt-4">
        <Fact label={`Objects dt=${today.dt}`} value={`${formatCount(today.objects)}${today.objectsTruncated ? '+' : ''}`} />
        <Fact label="Bytes today" value={formatBytes(today.bytes)} />
        <Fact label="Rows queryable (Athena)" value={today.rows === null ? '—' : formatCount(today.rows)} />
      </dl>
    </Panel>
  );
}
