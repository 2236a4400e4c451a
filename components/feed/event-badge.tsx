import type { EventName } from './feed-model';

const STYLES: Record<EventName, string> = {
  INSERT: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25',
  MODIFY: 'bg-sky-50 text-sky-800 ring-sky-600/25',
  REMOVE: 'bg-rose-50 text-rose-800 ring-rose-600/25',
};

export function EventBadge({ name }: { name: EventName | null }) {
  if (!name)
    return (
      <span className="inline-flex w-[4.75rem] justify-center rounded-md bg-amber-50 px-1.5 py-0.5 font-mono text-[11px] font-semibold text-amber-900 ring-1 ring-inset ring-amber-600/30">
        RAW
      </span>
    );
  return (
    <span
      className={`inline-flex w-[4.75rem] justify-center rounded-md px-1.5 py-0.5 font-mono text-[11px] font-semibold ring-1 ring-inset ${STYLES[name]}`}
    >
      {name}
    </span>
  );
}

export function WarningBadge({ children }: { children: React.ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-md bg-amber-50 px-1.5 py-0.5 text-[11px] font-medium text-amber-900 ring-1 ring-inset ring-amber-600/30">
      <span aria-hidden>⚠</span>
      {children}
    </span>
  );
}
