'use client';

import { useWatch, type UseFieldArrayReturn, type UseFormReturn } from 'react-hook-form';
import { formatMoney, parseMajorToMinor } from '@/lib/orders/money';
import { LIMITS } from '@/lib/orders/constants';
import { buttonClass } from '@/components/ui/button-styles';
import { inputClass, invalidProps } from '@/components/ui/field';
import { emptyLineItem, type LineItemValues, type OrderFormValues } from './order-form-model';

type Props = {
  form: UseFormReturn<OrderFormValues>;
  lineItems: UseFieldArrayReturn<OrderFormValues, 'items'>;
  fieldError: (name: string) => { message?: string } | undefined;
};

/** Minor units of one line as typed so far, or null while it is not a valid amount yet. */
function typedLineTotal(item: LineItemValues | undefined, currency: OrderFormValues['currency']): number | null {
  if (!item || !/^\s*\d+\s*$/.test(item.quantity)) return null;
  const price = parseMajorToMinor(item.unit_price, currency);
  return price === null ? null : Number(item.quantity) * price;
}

const COLUMNS = [
  { key: 'sku', label: 'SKU', width: 'w-32' },
  { key: 'name', label: 'Product name', width: '' },
  { key: 'category', label: 'Category', width: 'w-40' },
  { key: 'quantity', label: 'Qty', width: 'w-24' },
  { key: 'unit_price', label: 'Unit price', width: 'w-32' },
] as const;

export function LineItemsEditor({ form, lineItems, fieldError }: Props) {
  const [items, currency] = useWatch({ control: form.control, name: ['items', 'currency'] });
  const lineTotals = items.map((item) => typedLineTotal(item, currency));
  const complete = lineTotals.every((t) => t !== null);
  const total = lineTotals.reduce<number>((sum, t) => sum + (t ?? 0), 0);
  const listError = fieldError('items.root')?.message ?? fieldError('items')?.message;

  return (
    <section className="rounded-lg border border-slate-200 bg-white shadow-sm" aria-labelledby="items-title">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3 sm:px-6">
        <h2 id="items-title" className="text-sm font-semibold text-slate-900">
          Line items
        </h2>
        <button
          type="button"
          className={buttonClass('secondary')}
          disabled={lineItems.fields.length >= LIMITS.maxLineItems}
          onClick={() => lineItems.append(emptyLineItem(), { shouldFocus: true })}
        >
          + Add line
        </button>
      </div>
      {/* Relative: the table's visually hidden labels are absolutely placed, and would otherwise
          escape this scroll box and widen the page on a phone. */}
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
            <tr>
              {COLUMNS.map((c) => (
                <th key={c.key} className={`px-3 py-2 ${c.width}`}>
                  {c.label}
                </th>
              ))}
              <th className="w-32 px-3 py-2 text-right">Line total</th>
              <th className="w-12 px-3 py-2">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {lineItems.fields.map((field, index) => (
              <tr key={field.id} className="align-top" data-testid="line-item">
                {COLUMNS.map((c) => {
                  const name = `items.${index}.${c.key}` as const;
                  const id = `items-${index}-${c.key}`;
                  const message = fieldError(name)?.message;
                  return (
                    <td key={c.key} className="px-3 py-2">
                      <label htmlFor={id} className="sr-only">
                        {c.label}, line {index + 1}
                      </label>
                      <input
                        id={id}
                        {...form.register(name)}
                        {...invalidProps(id, message)}
                        inputMode={c.key === 'quantity' ? 'numeric' : c.key === 'unit_price' ? 'decimal' : undefined}
                        placeholder={c.key === 'unit_price' ? '0.00' : undefined}
                        className={`${inputClass} ${c.key === 'quantity' || c.key === 'unit_price' ? 'text-right tabular-nums' : ''}`}
                      />
                      {message && (
                        <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-red-700">
                          {message}
                        </p>
                      )}
                    </td>
                  );
                })}
                <td className="px-3 py-2 pt-4 text-right font-medium tabular-nums text-slate-900" data-testid="line-total">
                  {lineTotals[index] === null ? '—' : formatMoney(lineTotals[index]!, currency)}
                </td>
                <td className="px-3 py-2">
                  <button
                    type="button"
                    className={buttonClass('ghost', 'px-2 text-slate-500 hover:text-red-700')}
                    aria-label={`Remove line ${index + 1}`}
                    disabled={lineItems.fields.length === 1}
                    onClick={() => lineItems.remove(index)}
                  >
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot className="bg-slate-50">
            <tr>
              <td colSpan={5} className="px-3 py-3 text-right font-semibold">
                Order total{!complete && <span className="ml-1 font-normal text-slate-500">(lines with a valid quantity and price)</span>}
              </td>
              <td className="px-3 py-3 text-right text-base font-semibold tabular-nums" data-testid="form-total" aria-live="polite">
                {formatMoney(total, currency)}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
      {listError && (
        <p role="alert" className="border-t border-slate-200 px-4 py-2 text-xs font-medium text-red-700 sm:px-6">
          {listError}
        </p>
      )}
    </section>
  );
}
