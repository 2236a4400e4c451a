'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { buttonClass } from '@/components/ui/button-styles';
import { ApiError, deleteOrderRequest } from './api';
import { orderKeys } from './queries';

/** Delete behind a confirmation dialog, guarded by the version the page was rendered with. */
export function DeleteOrderButton({ orderId, version, label }: { orderId: string; version: number; label: string }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const router = useRouter();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirmDelete() {
    setBusy(true);
    setError(null);
    try {
      await deleteOrderRequest(orderId, version);
      await queryClient.invalidateQueries({ queryKey: orderKeys.all });
      router.push(`/orders?deleted=${orderId}`);
    } catch (e) {
      const apiError = e as ApiError;
      if (apiError.status === 409) {
        setError(
          `Someone changed this order since you opened it (it is now version ${apiError.body.current?.version}). Reload the page to review their changes before deleting.`,
        );
      } else if (apiError.status === 404) {
        setError('This order was already deleted.');
      } else {
        setError(apiError.message);
      }
      setBusy(false);
    }
  }

  return (
    <>
      <button type="button" className={buttonClass('secondary', 'text-red-700')} onClick={() => dialog.current?.showModal()}>
        Delete
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="delete-title"
        className="m-auto w-full max-w-md rounded-lg border border-slate-200 p-0 shadow-xl backdrop:bg-slate-900/40"
        onClose={() => setError(null)}
      >
        <div className="p-5">
          <h2 id="delete-title" className="text-lg font-semibold text-slate-900">
            Delete this order?
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            {label} will be removed for everyone. Analytics will stop counting it. This cannot be undone.
          </p>
          {error && (
            <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-900">
              {error}
            </p>
          )}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 bg-slate-50 px-5 py-3">
          <button type="button" className={buttonClass('secondary')} onClick={() => dialog.current?.close()} disabled={busy}>
            Keep order
          </button>
          {error?.startsWith('Someone changed') ? (
            <button type="button" className={buttonClass('primary')} onClick={() => window.location.reload()}>
              Reload
            </button>
          ) : (
            <button type="button" className={buttonClass('danger')} onClick={confirmDelete} disabled={busy}>
              {busy ? 'Deleting…' : 'Delete order'}
            </button>
          )}
        </div>
      </dialog>
    </>
  );
}
