'use client';

import { buttonClass } from '@/components/ui/button-styles';
import { plural } from '@/lib/format-units';
import type { FeedItem } from './feed-model';
import { exportFileName, recordsToCsv, recordsToJson } from './export';

function download(text: string, type: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked on the next tick: the click has started the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Saves the records that pass the filters, in list order, without a round trip to the server. */
export function ExportButtons({ items }: { items: FeedItem[] }) {
  const disabled = items.length === 0;
  const label = plural(items.length, 'record');
  return (
    <div className="flex items-center gap-2" role="group" aria-label="Export filtered records">
      <span className="hidden text-xs text-slate-500 lg:inline">Export {label}</span>
      <button
        type="button"
        disabled={disabled}
        className={buttonClass('secondary', 'px-2.5 py-1.5 text-xs')}
        onClick={() => download(recordsToJson(items), 'application/json', exportFileName('json', new Date()))}
      >
        JSON
      </button>
      <button
        type="button"
        disabled={disabled}
        className={buttonClass('secondary', 'px-2.5 py-1.5 text-xs')}
        onClick={() =>
          download(recordsToCsv(items), 'text/csv;charset=utf-8', exportFileName('csv', new Date()))
        }
      >
        CSV
      </button>
    </div>
  );
}
