'use client';

import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useFieldArray, useForm, type Resolver } from 'react-hook-form';
import { CURRENCIES } from '@/lib/orders/money';
import { CHANNELS, REGIONS, STATUSES } from '@/lib/orders/constants';
import type { Order } from '@/lib/orders/schema';
import { buttonClass } from '@/components/ui/button-styles';
import { Field, inputClass, invalidProps } from '@/components/ui/field';
import { ErrorState } from '@/components/ui/states';
import { ApiError, createOrderRequest, updateOrderRequest } from './api';
import { ConflictPanel } from './conflict-panel';
import { issuesToFieldErrors } from './form-errors';
import { LineItemsEditor } from './line-items-editor';
import { formFieldFor, toFormValues, toPayload, validateForm, type OrderFormValues } from './order-form-model';
import { orderKeys } from './queries';
import { useUnsavedChangesGuard } from './use-unsaved-changes-guard';
import { useHydratedMarker } from '@/components/ui/use-hydrated-marker';

/** Create (no `order`) or edit an order. Edits carry the version they started from. */
export function OrderForm({ order }: { order?: Order }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [base, setBase] = useState(order);
  const [conflict, setConflict] = useState<Order>();
  const [formError, setFormError] = useState<string>();
  const [saved, setSaved] = useState(false);

  const resolver: Resolver<OrderFormValues> = async (values) => {
    const issues = validateForm(values, base);
    return issues.length ? { values: {}, errors: issuesToFieldErrors<OrderFormValues>(issues, ['items']) } : { values, errors: {} };
  };
  const form = useForm<OrderFormValues>({ defaultValues: toFormValues(order), resolver, mode: 'onTouched' });
  const { register, control, handleSubmit, setError, reset, formState } = form;
  const { errors, isDirty, isSubmitting } = formState;
  const lineItems = useFieldArray({ control, name: 'items' });
  useUnsavedChangesGuard(isDirty && !saved);
  const formRef = useHydratedMarker<HTMLFormElement>();

  /** `against` is the stored order this save expects to replace; undefined creates a new order. */
  async function save(values: OrderFormValues, against: Order | undefined) {
    setFormError(undefined);
    const payload = toPayload(values, against);
    try {
      const result = against
        ? await updateOrderRequest(against.order_id, { ...payload, version: against.version })
        : await createOrderRequest(payload);
      setSaved(true);
      await queryClient.invalidateQueries({ queryKey: orderKeys.all });
      router.push(`/orders/${result.order_id}?saved=${against ? 'updated' : 'created'}`);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      if (error.status === 409 && error.body.current) {
        setConflict(error.body.current);
      } else if (error.status === 400 && error.body.issues) {
        for (const issue of error.body.issues) setError(formFieldFor(issue.path) as 'root', { message: issue.message });
        setFormError('Some fields need attention. Nothing was saved.');
      } else if (error.status === 404) {
        setFormError('This order was deleted by someone else while you were editing. Your edits were not saved.');
      } else {
        setFormError(`${error.message} Your edits are still here; nothing was saved.`);
      }
    }
  }

  const submit = handleSubmit((values) => save(values, base));
  const overwrite = handleSubmit(async (values) => {
    const theirs = conflict;
    setConflict(undefined);
    setBase(theirs);
    await save(values, theirs);
  });
  const loadTheirs = () => {
    if (!conflict) return;
    reset(toFormValues(conflict));
    setBase(conflict);
    setConflict(undefined);
  };

  const fieldError = (name: string) => name.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], errors) as
    | { message?: string }
    | undefined;
  const text = (id: string, name: Parameters<typeof register>[0], label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => {
    const message = fieldError(name)?.message;
    return (
      <Field label={label} htmlFor={id} error={message}>
        <input id={id} {...register(name)} {...props} {...invalidProps(id, message)} className={inputClass} />
      </Field>
    );
  };

  return (
    <form
      ref={formRef}
      noValidate
      aria-busy={isSubmitting}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void submit();
        }
      }}
      className="space-y-6"
    >
      {conflict && base && (
        <ConflictPanel base={base} current={conflict} saving={isSubmitting} onLoadTheirs={loadTheirs} onOverwrite={() => void overwrite()} />
      )}
      {formError && <ErrorState title="Not saved" message={formError} />}

      <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6" aria-labelledby="customer-title">
        <h2 id="customer-title" className="mb-4 text-sm font-semibold text-slate-900">
          Customer and order
        </h2>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          {text('customer-name', 'customer.name', 'Customer name', { autoComplete: 'off', autoFocus: !order })}
          {text('customer-email', 'customer.email', 'Customer email', { type: 'email', autoComplete: 'off' })}
          <Field label="Order date (UTC)" htmlFor="order-date" error={fieldError('order_date')?.message}>
            <input id="order-date" type="datetime-local" {...register('order_date')} {...invalidProps('order-date', fieldError('order_date')?.message)} className={inputClass} />
          </Field>
          <Select id="status" label="Status" options={STATUSES} {...register('status')} />
          <Select id="region" label="Region" options={REGIONS} {...register('region')} />
          <Select id="channel" label="Channel" options={CHANNELS} {...register('channel')} />
          <Select id="currency" label="Currency" options={CURRENCIES} {...register('currency')} />
        </div>
      </section>

      <LineItemsEditor form={form} lineItems={lineItems} fieldError={fieldError} />

      <div className="sticky bottom-0 -mx-4 flex flex-wrap items-center justify-between gap-3 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
        <p className="text-xs text-slate-500">
          {isDirty ? 'Unsaved changes' : 'No changes yet'} · press <kbd className="rounded border border-slate-300 px-1 font-sans">Ctrl</kbd>+
          <kbd className="rounded border border-slate-300 px-1 font-sans">Enter</kbd> to save
          {base && ` · editing version ${base.version}`}
        </p>
        <div className="flex gap-2">
          <Link href={base ? `/orders/${base.order_id}` : '/orders'} className={buttonClass('secondary')}>
            Cancel
          </Link>
          <button type="submit" className={buttonClass('primary')} disabled={isSubmitting}>
            {isSubmitting ? 'Saving…' : order ? 'Save changes' : 'Create order'}
          </button>
        </div>
      </div>
    </form>
  );
}

function Select({ id, label, options, ...props }: { id: string; label: string; options: readonly string[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} htmlFor={id}>
      <select id={id} {...props} className={`${inputClass} ${options === CURRENCIES || options === REGIONS ? '' : 'capitalize'}`}>
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </Field>
  );
}
