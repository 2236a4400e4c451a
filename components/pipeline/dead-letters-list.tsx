'use client';

import Link from 'next/link';
import { EmptyState, ErrorState } from '@/components/ui/states';
import { formatDateTime } from '@/components/ui/format';
import { formatCount } from '@/lib/format-units';
import { PanelSkeleton } from './health-skeletons';
import { Panel } from './panel';
import { PayloadSample } from './payload-sample';
import { usePipelineHealth } from './use-pipeline-health';

/** Samples of the pipe's dead-letter queue: batches that never reached Kinesis. */
export function DeadLettersList() {
  const { data, error } = usePipelineHealth();
  if (!data) return error ? <ErrorState title="Dead letters are unavailable" message={error.message} /> : <PanelSkeleton rows={3} />;
  const { deadLetters } = data;
  const total = deadLetters.visible + deadLetters.inFlight;
  return (
    <Panel
      testId="dead-letters"
      title="Dead letters"
      description={
        <>
          Batches the pipe gave up on after its retries, from the SQS queue <span className="font-mono">{deadLetters.queue}</span>. Sampled without removing them.
        </>
      }
      aside={
        <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium tabular-nums text-slate-700" data-testid="dead-letter-count">
          {formatCount(total)} message{total === 1 ? '' : 's'}
        </span>
      }
    >
      {deadLetters.unavailable ? (
        <ErrorState title="The dead-letter queue cannot be read" message={deadLetters.unavailable} />
      ) : deadLetters.samples.length === 0 ? (
        <EmptyState title="No dead letters">
          Every change reached Kinesis. A batch that fails all its retries would be listed here with its reason.
        </EmptyState>
      ) : (
        <ul className="divide-y divide-slate-100">
          {deadLetters.samples.map((letter) => (
            <li key={letter.messageId} className="py-3 first:pt-0 last:pb-0" data-testid="dead-letter">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p className="font-medium text-slate-900">{letter.reason}</p>
                <p className="text-xs text-slate-500">{letter.sentAt ? formatDateTime(letter.sentAt) : ''}</p>
              </div>
              <p className="mt-1 text-xs text-slate-600">
                {formatCount(letter.batchSize)} record{letter.batchSize === 1 ? '' : 's'}
                {letter.shardId ? ` · ${letter.shardId}` : ''}
                {letter.firstSequenceNumber ? ` · sequence ${letter.firstSequenceNumber}${letter.lastSequenceNumber && letter.lastSequenceNumber !== letter.firstSequenceNumber ? `–${letter.lastSequenceNumber}` : ''}` : ''}
              </p>
              {letter.records.length > 0 && (
                <p className="mt-1 flex flex-wrap gap-1.5 text-xs">
                  {letter.records.slice(0, 8).map((r, i) =>
                    r.orderId ? (
                      <Link
                        key={`${r.orderId}-${i}`}
                        href={`/pipeline/trace/${encodeURIComponent(r.orderId)}`}
                        className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-brand-700 hover:underline"
                      >
                        {r.eventName ? `${r.eventName} ` : ''}
                        {r.orderId}
                      </Link>
                    ) : null,
                  )}
                  {letter.records.length > 8 && <span className="text-slate-500">+{letter.records.length - 8} more</span>}
                </p>
              )}
              <div className="mt-2">
                <PayloadSample text={letter.body} truncated={letter.bodyTruncated} label="Message" />
              </div>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
