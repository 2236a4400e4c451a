'use client';

import { PARAM_TYPES, type ParamType } from '@/lib/queries/metadata';

/** One typed input per `?` placeholder, in order; the type picker changes the input kind. */
export function ParamInputs({
  types,
  values,
  errors,
  onType,
  onValue,
}: {
  types: ParamType[];
  values: string[];
  errors: Record<number, string>;
  onType: (index: number, type: ParamType) => void;
  onValue: (index: number, value: string) => void;
}) {
  if (types.length === 0) return null;
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <legend className="px-1 text-xs font-semibold text-slate-700">
        Parameters <span className="font-normal text-slate-500">(each ? in order, sent as ExecutionParameters)</span>
      </legend>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {types.map((type, i) => {
          const id = `param-${i}`;
          const error = errors[i];
          return (
            <div key={i}>
              <div className="flex items-center justify-between gap-2">
                <label htmlFor={id} className="text-xs font-medium text-slate-700">
                  Parameter {i + 1}
                </label>
                <select
                  aria-label={`Type of parameter ${i + 1}`}
                  value={type}
                  onChange={(e) => onType(i, e.target.value as ParamType)}
                  className="rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs text-slate-700"
                >
                  {PARAM_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {t}
                    </option>
                  ))}
                </select>
              </div>
              {type === 'boolean' ? (
                <select
                  id={id}
                  value={values[i] ?? ''}
                  onChange={(e) => onValue(i, e.target.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm aria-[invalid=true]:border-red-500"
                >
                  <option value="">Choose…</option>
                  <option value="true">true</option>
                  <option value="false">false</option>
                </select>
              ) : (
                <input
                  id={id}
                  type={type === 'date' ? 'date' : type === 'number' ? 'number' : 'text'}
                  step={type === 'number' ? 'any' : undefined}
                  value={values[i] ?? ''}
                  onChange={(e) => onValue(i, e.target.value)}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error ? `${id}-error` : undefined}
                  className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-1 focus:ring-brand-500 aria-[invalid=true]:border-red-500"
                />
              )}
              {error && (
                <p id={`${id}-error`} role="alert" className="mt-1 text-xs font-medium text-red-700">
                  {error}
                </p>
              )}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
