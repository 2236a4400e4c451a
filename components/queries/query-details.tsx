'use client';

import { Field, inputClass, invalidProps } from '@/components/ui/field';
import type { Draft } from './draft';

type TextKey = 'name' | 'folder' | 'tags' | 'description';

/** The text fields, in order; each differs from the others only in these settings. */
const FIELDS: { key: TextKey; label: string; placeholder: string; hint?: string; maxLength?: number; className?: string }[] = [
  { key: 'name', label: 'Name', placeholder: 'Revenue by region', maxLength: 200 },
  { key: 'folder', label: 'Folder', placeholder: 'Revenue' },
  { key: 'tags', label: 'Tags', placeholder: 'daily, finance', hint: 'Comma-separated' },
  { key: 'description', label: 'Description', placeholder: 'What it answers, and for whom', className: 'md:col-span-3' },
];

/** Name, folder, tags and description of the query being edited, with their field errors. */
export function QueryDetails({
  draft,
  errors,
  readOnly,
  onChange,
}: {
  draft: Draft;
  errors: Record<string, string>;
  readOnly: boolean;
  onChange: (patch: Partial<Draft>) => void;
}) {
  return (
    <div className="grid gap-3 md:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
      {FIELDS.map(({ key, label, placeholder, hint, maxLength, className }) => {
        const id = `query-${key}`;
        return (
          <Field key={key} label={label} htmlFor={id} error={errors[key]} hint={hint} className={className}>
            <input
              id={id}
              className={inputClass}
              value={draft[key]}
              readOnly={readOnly}
              maxLength={maxLength}
              placeholder={placeholder}
              onChange={(e) => onChange({ [key]: e.target.value })}
              {...invalidProps(id, errors[key])}
            />
          </Field>
        );
      })}
    </div>
  );
}
