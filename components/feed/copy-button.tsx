'use client';

import { useState } from 'react';

/** Copies `value` to the clipboard and says so for a moment. */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      aria-label={label}
      title={copied ? 'Copied' : label}
      onClick={(e) => {
        e.stopPropagation();
        void navigator.clipboard?.writeText(value).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1_200);
        });
      }}
      className="rounded px-1 text-[11px] font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-900"
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
