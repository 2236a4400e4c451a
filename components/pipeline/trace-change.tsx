import { formatMoney, type Currency } from '@/lib/orders/money';
import { STAGE_LABELS, type ChangeTrace, type TraceStage } from '@/lib/trace/types';
import { formatDuration, formatStageTime } from './trace-format';
import { ChangeStatusBadge, STAGE_DOT } from './trace-status';

const REASON_STYLE: Record<ChangeTrace['status'], string> = {
  complete: '',
  in_flight: 'border-sky-200 bg-sky-50 text-sky-900',
  failed: 'border-red-200 bg-red-50 text-red-900',
  stuck: 'border-amber-200 bg-amber-50 text-amber-900',
};

function LatencyChip({ ms }: { ms: number }) {
  return (
    <span className="inline-flex items-center rounded-md bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] font-medium text-slate-700 ring-1 ring-inset ring-slate-200">
      +{formatDuration(ms)}
    </span>
  );
}

function Stage({ stage, last }: { stage: TraceStage; last: boolean }) {
  const dot = STAGE_DOT[stage.state];
  const muted = stage.state === 'pending' || stage.state === 'unknown';
  return (
    <li
      className="relative grid grid-cols-[15px_minmax(0,1fr)] gap-x-3 pb-4 last:pb-0 md:grid-cols-[15px_8.5rem_6.5rem_4.5rem_minmax(0,1fr)]"
      data-testid={`stage-${stage.name}`}
      data-state={stage.state}
    >
      {!last && <span aria-hidden className="absolute left-[7px] top-5 h-[calc(100%-1rem)] w-px bg-slate-200" />}
      <span aria-hidden className={`relative mt-0.5 h-[15px] w-[15px] rounded-full ring-4 ${dot.className}`} />
      <div className={`text-sm font-semibold ${muted ? 'text-slate-500' : 'text-slate-900'}`}>
        {STAGE_LABELS[stage.name]}
        <span className="sr-only"> ({dot.label})</span>
      </div>
      <div className="col-start-2 md:col-start-auto">
        {stage.at ? (
          <time dateTime={stage.at} className="font-mono text-xs tabular-nums text-slate-700" title={stage.at}>
            {formatStageTime(stage.at)}
          </time>
        ) : (
          <StateWord state={stage.state} name={stage.name} />
        )}
      </div>
      <div className="col-start-2 md:col-start-auto">{stage.latencyMs !== null && <LatencyChip ms={stage.latencyMs} />}</div>
      <div className="col-start-2 min-w-0 md:col-start-auto">
        {stage.facts.length > 0 && (
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-3 gap-y-0.5 text-xs">
            {stage.facts.map((fact) => (
              <div key={fact.label} className="contents">
                <dt className="text-slate-500">{fact.label}</dt>
                <dd className={`truncate text-slate-800 ${fact.mono ? 'font-mono' : ''}`} title={fact.value}>
                  {fact.value}
                </dd>
              </div>
            ))}
          </dl>
        )}
        {stage.note && (
          <p className={`text-xs ${stage.facts.length ? 'mt-1' : ''} ${NOTE_STYLE[stage.state]}`}>{stage.note}</p>
        )}
      </div>
    </li>
  );
}

const NOTE_STYLE: Record<TraceStage['state'], string> = {
  done: 'text-slate-500',
  pending: 'text-sky-800',
  failed: 'font-medium text-red-800',
  stuck: 'font-medium text-amber-900',
  unknown: 'text-slate-600',
};

function StateWord({ state, name }: { state: TraceStage['state']; name: TraceStage['name'] }) {
  if (state === 'pending') return <span className="text-xs font-medium text-sky-800">waiting…</span>;
  if (state === 'failed') return <span className="text-xs font-semibold text-red-700">failed</span>;
  if (state === 'stuck') return <span className="text-xs font-semibold text-amber-800">stuck</span>;
  if (state === 'unknown') return <span className="text-xs text-slate-500">not known</span>;
  if (name === 'athena') return <span className="text-xs font-medium text-emerald-700">queryable</span>;
  return <span className="text-xs text-slate-500">time not recorded</span>;
}

/** One change (one stream record) of the order: its status, then its stages top to bottom. */
export function TraceChange({ change }: { change: ChangeTrace }) {
  const total =
    change.totalCents !== null && change.currency
      ? formatMoney(change.totalCents, change.currency as Currency)
      : null;
  return (
    <article
      className="rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="trace-change"
      data-version={change.version ?? ''}
      data-status={change.status}
      aria-label={`Version ${change.version ?? '?'} ${change.eventName ?? ''}`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-2 border-b border-slate-100 px-4 py-3">
        <span className="rounded-md bg-slate-900 px-2 py-0.5 font-mono text-xs font-semibold text-white">
          v{change.version ?? '?'}
        </span>
        <span className="text-sm font-semibold text-slate-900">{change.eventName ?? 'Unreadable record'}</span>
        <ChangeStatusBadge status={change.status} />
        {total && <span className="text-sm tabular-nums text-slate-700">{total}</span>}
        {change.updatedBy && (
          <span className="text-sm text-slate-600" data-testid="trace-changed-by">
            by <span className="font-medium text-slate-900">{change.updatedBy}</span>
          </span>
        )}
        {change.endToEndMs !== null && (
          <span className="ml-auto text-xs text-slate-600">
            write → S3 <span className="font-mono font-semibold text-slate-900">{formatDuration(change.endToEndMs)}</span>
          </span>
        )}
      </header>
      {/* In flight, the waiting stage says why; a banner is for what needs someone's attention. */}
      {change.reason && change.status !== 'in_flight' && (
        <p role={change.status === 'failed' ? 'alert' : undefined} className={`mx-4 mt-3 rounded-md border px-3 py-2 text-sm ${REASON_STYLE[change.status]}`}>
          {change.reason}
        </p>
      )}
      <ol className="px-4 py-4">
        {change.stages.map((stage, i) => (
          <Stage key={stage.name} stage={stage} last={i === change.stages.length - 1} />
        ))}
      </ol>
    </article>
  );
}
