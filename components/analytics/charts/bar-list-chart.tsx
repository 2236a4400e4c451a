'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Currency } from '@/lib/orders/money';
import type { BreakdownRow } from '@/lib/analytics/dashboard';
import { formatCompactMoney, formatMoney } from '../format';
import { CHART, TOOLTIP_STYLE } from './chart-theme';

const COLORS: Record<string, string> = {
  pending: 'var(--color-amber-500)',
  paid: CHART.bar,
  shipped: 'var(--color-emerald-500)',
  // slate-400 would be 2.5:1 on the card in either scheme.
  cancelled: 'var(--color-slate-500)',
  refunded: 'var(--color-red-500)',
};

/** Horizontal bars of value per key, largest first (the query's order). */
export default function BarListChart({ rows, currency, colorByKey = false }: { rows: BreakdownRow[]; currency: Currency; colorByKey?: boolean }) {
  const data = rows.map((r) => ({ ...r, fill: colorByKey ? (COLORS[r.key] ?? CHART.bar) : CHART.bar }));
  const height = Math.max(120, data.length * 30 + 24);
  return (
    <div style={{ height }} className="w-full" data-testid="bar-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid horizontal={false} stroke={CHART.grid} />
          <XAxis
            type="number"
            tick={{ fontSize: 11, fill: CHART.tick }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) => formatCompactMoney(v, currency)}
          />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12, fill: CHART.label }} tickLine={false} axisLine={false} />
          <Tooltip {...TOOLTIP_STYLE} cursor={{ fill: CHART.cursor }} formatter={(v) => [formatMoney(Number(v), currency), 'Value']} />
          <Bar dataKey="revenue_cents" radius={[0, 3, 3, 0]} isAnimationActive={false}>
            {data.map((d) => (
              <Cell key={d.key} fill={d.fill} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
