'use client';

import { Field, inputClass, invalidProps } from '@/components/ui/field';
import type { Draft } from './draft';

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
      <Field label="Name" htmlFor="query-name" error={errors.name}>
        <input
          id="query-name"
          className={inputClass}
          value={draft.name}
          readOnly={readOnly}
          maxLength={200}
          placeholder="Revenue by region"
          onChange={(e) => onChange({ name: e.target.value })}
          {...invalidProps('query-name', errors.name)}
        />
      </Field>
      <Field label="Folder" htmlFor="query-folder" error={errors.folder}>
        <input
          id="query-folder"
          className={inputClass}
          value={draft.folder}
          readOnly={readOnly}
          placeholder="Revenue"
          onChange={(e) => onChange({ folder: e.target.value })}
          {...invalidProps('query-folder', errors.folder)}
        />
      </Field>
      <Field label="Tags" htmlFor="query-tags" error={errors.tags} hint="Comma-separated">
        <input
          id="query-tags"
          className={inputClass}
          value={draft.tags}
          readOnly={readOnly}
          placeholder="daily, finance"
          onChange={(e) => onChange({ tags: e.target.value })}
          {...invalidProps('query-tags', errors.tags)}
        />
      </Field>
      <Field label="Description" htmlFor="query-description" error={errors.description} className="md:col-span-3">
        <input
          id="query-description"
          className={inputClass}
          value={draft.description}
          readOnly={readOnly}
          placeholder="What it answers, and for whom"
          onChange={(e) => onChange({ description: e.target.value })}
          {...invalidProps('query-description', errors.description)}
        />
      </Field>
    </div>
  );
}
