/**
 * Chart colours as the app's CSS colour variables (SVG fill and stroke take var()), so charts
 * switch with the colour scheme as the rest of the page does (app/globals.css).
 */
export const CHART = {
  bar: 'var(--color-brand-500)',
  barStrong: 'var(--color-brand-600)',
  hatch: 'var(--color-brand-100)',
  grid: 'var(--color-slate-200)',
  axis: 'var(--color-slate-300)',
  tick: 'var(--color-slate-600)',
  label: 'var(--color-slate-700)',
  cursor: 'var(--color-slate-100)',
} as const;

/** Recharts' default tooltip is white with inherited text: dark text on dark in the dark scheme. */
export const TOOLTIP_STYLE = {
  contentStyle: {
    backgroundColor: 'var(--color-white)',
    border: '1px solid var(--color-slate-200)',
    borderRadius: 6,
    color: 'var(--color-slate-900)',
  },
  itemStyle: { color: 'var(--color-slate-700)' },
} as const;
