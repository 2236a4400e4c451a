import type { Order } from '@/lib/orders/schema';
import { buttonClass } from '@/components/ui/button-styles';
import { diffOrders } from '@/lib/orders/order-diff';

type Props = {
  base: Order;
  current: Order;
  saving: boolean;
  onLoadTheirs: () => void;
  onOverwrite: () => void;
};

/** Shown on a 409: what changed in the stored order, and the two ways forward. */
export function ConflictPanel({ base, current, saving, onLoadTheirs, onOverwrite }: Props) {
  const changes = diffOrders(base, current);
  return (
    <section role="alert" aria-labelledby="conflict-title" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
      <h2 id="conflict-title" className="text-base font-semibold">
        Someone else saved this order while you were editing
      </h2>
      <p className="mt-1">
        You opened version {base.version}; the stored order is now version {current.version}
        {current.updated_at ? ` (saved ${current.updated_at.replace('T', ' ').slice(0, 19)} UTC)` : ''}. Your edits are
        still in the form below. Nothing has been overwritten.
      </p>
      {changes.length > 0 ? (
        <table className="mt-3 w-full table-fixed overflow-hidden rounded-md border border-amber-200 bg-white text-left">
          <thead className="bg-amber-100/60 text-xs uppercase tracking-wide">
            <tr>
              <th className="w-36 px-3 py-2">Field</th>
              <th className="px-3 py-2">When you opened it</th>
              <th className="px-3 py-2">Stored now</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-amber-100">
            {changes.map((change) => (
              <tr key={change.field} data-testid="conflict-change">
                <td className="px-3 py-2 font-medium">{change.field}</td>
                <td className="px-3 py-2 text-slate-600 line-through decoration-slate-400">{change.before}</td>
                <td className="px-3 py-2 font-medium text-slate-900">{change.after}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="mt-2">Their save changed no field you can see (for example, it re-saved the same values).</p>
      )}
      <div className="mt-4 flex flex-wrap gap-2">
        <button type="button" className={buttonClass('secondary')} onClick={onLoadTheirs} disabled={saving}>
          Discard my edits and load theirs
        </button>
        <button type="button" className={buttonClass('danger')} onClick={onOverwrite} disabled={saving}>
          {saving ? 'Saving…' : 'Overwrite with my edits'}
        </button>
      </div>
    </section>
  );
}
