import type { StageStatus } from '@/lib/pipeline/health-types';

export const STATUS_STYLE: Record<StageStatus, { label: string; badge: string; dot: string; card: string; bar: string }> = {
  healthy: {
    label: 'Healthy',
    badge: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
    dot: 'bg-emerald-500',
    card: 'border-slate-200',
    bar: 'bg-emerald-500',
  },
  lagging: {
    label: 'Lagging',
    badge: 'bg-amber-50 text-amber-900 ring-amber-600/30',
    dot: 'bg-amber-500',
    card: 'border-amber-300',
    bar: 'bg-amber-500',
  },
  failing: {
    label: 'Failing',
    badge: 'bg-red-50 text-red-800 ring-red-600/20',
    dot: 'bg-red-500',
    card: 'border-red-300',
    bar: 'bg-red-500',
  },
};

export function StatusPill({ status, testId }: { status: StageStatus; testId?: string }) {
  const style = STATUS_STYLE[status];
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.badge}`}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${style.dot}`} />
      {style.label}
    </span>
  );
}
