'use client';

import { useState } from 'react';
import type { FeedItem } from './feed-model';
import { fieldRows, formatValue, type FieldRow } from './field-rows';
import { WarningBadge } from './event-badge';

type View = 'diff' | 'pretty' | 'raw';

const ROW_STYLES: Record<FieldRow['kind'], string> = {
  changed: 'bg-amber-50',
  added: 'bg-emerald-50',
  removed: 'bg-rose-50',
  same: '',
};

const KIND_LABEL: Record<FieldRow['kind'], string> = {
  changed: 'changed',
  added: 'added',
  removed: 'removed',
  same: '',
};

function DiffTable({ item }: { item: FeedItem }) {
  const [showSame, setShowSame] = useState(false);
  const rows = fieldRows(item.event);
  const changed = rows.filter((r) => r.kind !== 'same');
  const visible = showSame ? rows : changed;
  return (
    <div>
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-xs text-slate-600">
          {changed.length} field{changed.length === 1 ? '' : 's'} changed
          {item.event.eventName === 'INSERT' && ' (a new item: every field is added)'}
          {item.event.eventName === 'REMOVE' && ' (the item was deleted: every field is removed)'}
        </p>
        <label className="flex items-center gap-1.5 text-xs text-slate-700">
          <input type="checkbox" checked={showSame} onChange={(e) => setShowSame(e.target.checked)} />
          Show unchanged fields
        </label>
      </div>
      <table
        className="w-full table-fixed border-collapse text-left font-mono text-xs"
        data-testid="record-diff"
      >
        <thead>
          <tr className="border-b border-slate-200 text-[11px] uppercase tracking-wide text-slate-500">
            <th className="w-[30%] py-1.5 pr-2 font-medium">Field</th>
            <th className="w-[35%] py-1.5 pr-2 font-medium">Old</th>
            <th className="w-[35%] py-1.5 font-medium">New</th>
          </tr>
        </thead>
        <tbody>
          {visible.map((row) => (
            <tr
              key={row.path}
              data-path={row.path}
              data-changed={row.kind !== 'same' ? 'true' : 'false'}
              data-kind={row.kind}
              className={`border-b border-slate-100 align-top ${ROW_STYLES[row.kind]}`}
            >
              <td className="break-all py-1 pr-2 text-slate-800">
                {row.path}
                {row.kind !== 'same' && (
                  <span className="ml-1.5 font-sans text-[10px] font-semibold uppercase text-slate-600">
                    {KIND_LABEL[row.kind]}
                  </span>
                )}
              </td>
              <td
                className={`break-all py-1 pr-2 ${row.kind === 'same' ? 'text-slate-600' : 'text-rose-800 line-through decoration-rose-400/60'}`}
              >
                {row.kind === 'added' ? '—' : formatValue(row.old)}
              </td>
              <td
                className={`break-all py-1 ${row.kind === 'same' ? 'text-slate-600' : 'font-semibold text-emerald-800'}`}
              >
                {row.kind === 'removed' ? '—' : formatValue(row.new)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The expanded part of a row: the OLD → NEW diff, or the record as pretty or raw JSON. */
export function RecordDetail({ item }: { item: FeedItem }) {
  const { event } = item;
  const readable = !!event.eventName;
  const [view, setView] = useState<View>(readable ? 'diff' : 'raw');
  const views: View[] = readable ? ['diff', 'pretty', 'raw'] : ['raw'];
  return (
    <div className="border-t border-slate-100 bg-slate-50/70 px-4 py-3" data-testid="record-detail">
      {event.error && (
        <div className="mb-3 flex flex-wrap items-center gap-2 text-xs text-amber-900">
          <WarningBadge>Unreadable record</WarningBadge>
          <span>{event.error}. Shown as the raw bytes Kinesis holds.</span>
        </div>
      )}
      <div
        role="tablist"
        aria-label="Record view"
        className="mb-3 inline-flex rounded-md border border-slate-300 bg-white p-0.5"
      >
        {views.map((v) => (
          <button
            key={v}
            type="button"
            role="tab"
            aria-selected={view === v}
            onClick={() => setView(v)}
            className={`rounded px-2.5 py-1 text-xs font-medium ${view === v ? 'bg-slate-900 text-white' : 'text-slate-700 hover:bg-slate-100'}`}
          >
            {v === 'diff' ? 'Old → New' : v === 'pretty' ? 'Pretty JSON' : 'Raw'}
          </button>
        ))}
      </div>
      {view === 'diff' && <DiffTable item={item} />}
      {view === 'pretty' && (
        <pre className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs text-slate-800">
          {JSON.stringify(
            { keys: event.keys, oldImage: event.oldImage, newImage: event.newImage, diff: event.diff },
            null,
            2,
          )}
        </pre>
      )}
      {view === 'raw' && (
        <pre className="max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md border border-slate-200 bg-white p-3 font-mono text-xs text-slate-800">
          {event.raw ?? JSON.stringify(event)}
        </pre>
      )}
    </div>
  );
}
