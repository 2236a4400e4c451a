import type { ChangeStatus, StageState } from '@/lib/trace/types';

const CHANGE: Record<ChangeStatus, { label: string; className: string }> = {
  complete: { label: 'Complete', className: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20' },
  in_flight: { label: 'In flight', className: 'bg-sky-50 text-sky-800 ring-sky-600/20' },
  failed: { label: 'Failed', className: 'bg-red-50 text-red-800 ring-red-600/20' },
  stuck: { label: 'Stuck', className: 'bg-amber-50 text-amber-900 ring-amber-600/30' },
};

export function ChangeStatusBadge({ status }: { status: ChangeStatus }) {
  const style = CHANGE[status];
  return (
    <span
      data-testid="change-status"
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      {status === 'in_flight' && <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-sky-500" />}
      {style.label}
    </span>
  );
}

/** The dot of a stage on the timeline; the ring carries the state, the label says it for screen readers. */
export const STAGE_DOT: Record<StageState, { className: string; label: string }> = {
  done: { className: 'bg-emerald-500 ring-emerald-100', label: 'done' },
  pending: { className: 'bg-white ring-sky-200 border-2 border-sky-400', label: 'waiting' },
  failed: { className: 'bg-red-500 ring-red-100', label: 'failed' },
  stuck: { className: 'bg-amber-500 ring-amber-100', label: 'stuck' },
  unknown: { className: 'bg-slate-300 ring-slate-100', label: 'unknown' },
};
