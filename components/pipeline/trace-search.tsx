'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { buttonClass } from '@/components/ui/button-styles';
import { ORDER_ID_PATTERN } from '@/lib/orders/constants';

/** Order id → its trace page. Checks the id's shape first, so a typo gets a reason, not a 404. */
export function TraceSearch({ initial = '' }: { initial?: string }) {
  const router = useRouter();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-start gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        const id = value.trim().toUpperCase();
        if (!ORDER_ID_PATTERN.test(id)) {
          setError('An order id is 26 characters, like 01JD3Z8X9K2M4N6P8Q0R2S4T6V.');
          return;
        }
        setError(null);
        router.push(`/pipeline/trace/${id}`);
      }}
    >
      <div className="min-w-0 flex-1">
        <label htmlFor="trace-order-id" className="sr-only">
          Order id
        </label>
        <input
          id="trace-order-id"
          name="orderId"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder="Order id, e.g. 01JD3Z8X9K2M4N6P8Q0R2S4T6V"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'trace-order-id-error' : undefined}
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm text-slate-900 shadow-sm placeholder:font-sans placeholder:text-slate-400 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30"
        />
        {error && (
          <p id="trace-order-id-error" className="mt-1 text-xs text-red-700">
            {error}
          </p>
        )}
      </div>
      <button type="submit" className={buttonClass('primary')}>
        Trace
      </button>
    </form>
  );
}
