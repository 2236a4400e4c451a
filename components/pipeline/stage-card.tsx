import type { StageHealth } from '@/lib/pipeline/health-types';
import { STATUS_STYLE } from './status-styles';

/** One stage of the diagram: status colour, its main count, the rest of its figures, and why. */
export function StageCard({ stage }: { stage: StageHealth }) {
  const style = STATUS_STYLE[stage.status];
  const [main, ...rest] = stage.metrics;
  return (
    <article
      data-testid={`stage-${stage.id}`}
      data-status={stage.status}
      aria-label={`${stage.name}: ${style.label}`}
      className={`relative flex h-full flex-col overflow-hidden rounded-lg border bg-white p-3 shadow-sm ${style.card}`}
    >
      <span aria-hidden className={`absolute inset-x-0 top-0 h-1 ${style.bar}`} />
      <div className="flex items-center justify-between gap-2 pt-0.5">
        <h3 className="text-sm font-semibold text-slate-900">{stage.name}</h3>
        <span className={`inline-flex items-center gap-1 text-[11px] font-medium ${stage.status === 'healthy' ? 'text-emerald-700' : stage.status === 'lagging' ? 'text-amber-800' : 'text-red-700'}`}>
          <span aria-hidden className={`h-2 w-2 rounded-full ${style.dot}`} />
          {style.label}
        </span>
      </div>
      <p className="truncate font-mono text-[11px] text-slate-500" title={stage.resource}>
        {stage.resource}
      </p>
      {main && (
        <div className="mb-2 mt-3">
          <p data-testid="stage-value" className="text-xl font-semibold tabular-nums tracking-tight text-slate-900">
            {main.value}
          </p>
          <p className="text-[11px] uppercase tracking-wide text-slate-500">{main.label}</p>
        </div>
      )}
      {rest.length > 0 && (
        <dl className="mb-2 mt-2 space-y-0.5 text-xs">
          {rest.map((m) => (
            <div key={m.label} className="flex justify-between gap-2">
              <dt className="truncate text-slate-500">{m.label}</dt>
              <dd className="font-medium tabular-nums text-slate-800">{m.value}</dd>
            </div>
          ))}
        </dl>
      )}
      <p className="mt-auto line-clamp-6 break-words border-t border-slate-100 pt-2 text-xs leading-snug text-slate-600" title={stage.reason}>
        {stage.reason}
      </p>
    </article>
  );
}
