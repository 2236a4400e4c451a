'use client';

import { useState } from 'react';
import { daysBetween, isCalendarDate, MAX_RANGE_DAYS } from '@/lib/analytics/range';
import { CURRENCIES, type Currency } from '@/lib/orders/money';
import { matchingPreset, presetRange, PRESETS, TIME_ZONES, type PresetId } from './params';
import { useAnalyticsParams } from './use-analytics-params';

const control =
  'h-9 rounded-md border border-slate-300 bg-white px-2.5 text-sm text-slate-900 shadow-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30';

/** Date presets, a custom range, the time zone and the currency; all kept in the URL. */
export function RangeControls() {
  const [params, setParams] = useAnalyticsParams();
  const preset = matchingPreset(params);
  const [custom, setCustom] = useState<{ from: string; to: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const zones: string[] = TIME_ZONES.includes(params.tz as (typeof TIME_ZONES)[number]) ? [...TIME_ZONES] : [params.tz, ...TIME_ZONES];

  const choosePreset = (id: string) => {
    if (id === 'custom') {
      setCustom({ from: params.from, to: params.to });
      return;
    }
    setCustom(null);
    setError(null);
    setParams({ ...params, ...presetRange(id as PresetId, params.tz) });
  };

  const applyCustom = (event: React.FormEvent) => {
    event.preventDefault();
    if (!custom) return;
    if (!isCalendarDate(custom.from) || !isCalendarDate(custom.to)) return setError('Pick both dates.');
    const days = daysBetween(custom.from, custom.to) + 1;
    if (days < 1) return setError('The start date must be on or before the end date.');
    if (days > MAX_RANGE_DAYS) return setError(`A range may span at most ${MAX_RANGE_DAYS} days.`);
    setError(null);
    setParams({ ...params, from: custom.from, to: custom.to });
  };

  const showCustom = custom !== null || !preset;
  const value = custom !== null ? 'custom' : (preset ?? 'custom');

  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="range-controls">
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Range
        <select aria-label="Date range" className={control} value={value} onChange={(e) => choosePreset(e.target.value)}>
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {showCustom && (
        <form onSubmit={applyCustom} className="flex flex-wrap items-end gap-2" aria-label="Custom range">
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            From
            <input
              type="date"
              aria-label="From"
              className={control}
              value={custom?.from ?? params.from}
              onChange={(e) => setCustom({ from: e.target.value, to: custom?.to ?? params.to })}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
            To (inclusive)
            <input
              type="date"
              aria-label="To"
              className={control}
              value={custom?.to ?? params.to}
              onChange={(e) => setCustom({ from: custom?.from ?? params.from, to: e.target.value })}
            />
          </label>
          <button type="submit" className="h-9 rounded-md bg-brand-600 px-3 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
            Apply
          </button>
        </form>
      )}
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Time zone
        <select
          aria-label="Time zone"
          className={control}
          value={params.tz}
          onChange={(e) => setParams({ ...params, tz: e.target.value })}
        >
          {zones.map((tz) => (
            <option key={tz} value={tz}>
              {tz.replace('_', ' ')}
            </option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-600">
        Currency
        <select
          aria-label="Currency"
          className={control}
          value={params.currency}
          onChange={(e) => setParams({ ...params, currency: e.target.value as Currency })}
        >
          {CURRENCIES.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </label>
      <p className="pb-2 text-xs text-slate-500" data-testid="range-label">
        {params.from === params.to ? params.from : `${params.from} – ${params.to}`} · {daysBetween(params.from, params.to) + 1} day
        {params.from === params.to ? '' : 's'}
      </p>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

