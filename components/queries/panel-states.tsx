import type { ReactNode } from 'react';

/** Loading and error bodies of the workbench's side panels (schema, history), which share one look. */

export function PanelLoading({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="status" aria-label={label} className="space-y-2 p-3">
      {children}
    </div>
  );
}

export function PanelError({ message, onRetry, textClass = 'text-sm' }: { message: string; onRetry: () => void; textClass?: string }) {
  return (
    <p role="alert" className={`p-3 ${textClass} text-red-800`}>
      {message}{' '}
      <button type="button" className="font-medium underline" onClick={onRetry}>
        Retry
      </button>
    </p>
  );
}
