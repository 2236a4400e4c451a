'use client';

import { useId, type ReactNode } from 'react';

/**
 * A definition on hover or focus: the term stays readable, the tooltip holds the precise rule.
 * The button is named after the term and described by the definition, for screen readers.
 */
export function InfoTip({ label, term, children }: { label: ReactNode; term?: string; children: string }) {
  const id = useId();
  const name = term ?? (typeof label === 'string' ? label : 'this figure');
  return (
    <span className="group relative inline-flex items-center gap-1">
      {label !== '' && <span>{label}</span>}
      <button
        type="button"
        aria-label={`Definition of ${name}`}
        aria-describedby={id}
        className="grid h-4 w-4 cursor-help place-items-center rounded-full border border-slate-300 text-[10px] font-semibold leading-none text-slate-500 hover:border-slate-500 hover:text-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
      >
        ?
      </button>
      <span
        id={id}
        role="tooltip"
        className="pointer-events-none absolute left-0 top-full z-20 mt-1.5 hidden w-64 rounded-md bg-slate-900 px-3 py-2 text-xs font-normal normal-case leading-relaxed tracking-normal text-white shadow-lg group-focus-within:block group-hover:block"
      >
        {children}
      </span>
    </span>
  );
}
