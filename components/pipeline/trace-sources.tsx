import type { TraceSources } from '@/lib/trace/types';
import { formatCount } from '@/lib/format-units';
import { formatBytes, formatStageTime } from './trace-format';

/** How the trace was gathered: what it read, how much, and which stage could not be read. */
export function TraceSources({ sources }: { sources: TraceSources }) {
  const failures = [sources.dynamodb, sources.kinesis, sources.athena, sources.s3, sources.errors, sources.deadLetters].flatMap((s) =>
    s.ok ? [] : [s.message],
  );
  return (
    <div className="space-y-2">
      {failures.length > 0 && (
        <div role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
          {failures.map((message) => (
            <p key={message}>{message} The other stages are shown as they stand.</p>
          ))}
        </div>
      )}
      {sources.kinesis.truncated && (
        <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900">
          The Kinesis scan stopped at its budget after {formatCount(sources.kinesis.recordsScanned)} records;
          later records of this order may be missing from the Kinesis stage.
        </p>
      )}
      <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-600" data-testid="trace-sources">
        <div>
          <dt className="inline font-medium text-slate-700">Kinesis </dt>
          <dd className="inline">
            {sources.kinesis.shards.length ? (
              <span className="font-mono">{sources.kinesis.shards.join(', ')}</span>
            ) : (
              'no shard'
            )}
            {sources.kinesis.since && <> from {formatStageTime(sources.kinesis.since)}</>}, {formatCount(sources.kinesis.recordsScanned)} records scanned
          </dd>
        </div>
        <div>
          <dt className="inline font-medium text-slate-700">Athena </dt>
          <dd className="inline">
            {sources.athena.queryIds.length} quer{sources.athena.queryIds.length === 1 ? 'y' : 'ies'}, {formatBytes(sources.athena.bytesScanned)} scanned, partitions{' '}
            <span className="font-mono">{sources.athena.partitions.join(', ') || '—'}</span>
          </dd>
        </div>
        <div>
          <dt className="inline font-medium text-slate-700">Error prefix </dt>
          <dd className="inline">
            {sources.errors.objectsRead} object{sources.errors.objectsRead === 1 ? '' : 's'} read
          </dd>
        </div>
        {sources.deadLetters.checked && (
          <div>
            <dt className="inline font-medium text-slate-700">Dead-letter queue </dt>
            <dd className="inline">checked</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
