'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Currency } from '@/lib/orders/money';
import type { BreakdownRow } from '@/lib/analytics/dashboard';
import { formatCompactMoney, formatMoney } from '../format';

const COLORS: Record<string, string> = {
  pending: '#f59e0b',
  paid: '#3b6cf6',
  shipped: '#10b981',
  cancelled: '#94a3b8',
  refunded: '#ef4444',
};

/** Horizontal bars of value per key, largest first (the query's order). */
export default function BarListChart({ rows, currency, colorByKey = false }: { rows: BreakdownRow[]; currency: Currency; colorByKey?: boolean }) {
  const data = rows.map((r) => ({ ...r, fill: colorByKey ? (COLORS[r.key] ?? '#3b6cf6') : '#3b6cf6' }));
  const height = Math.max(120, data.length * 30 + 24);
  return (
    <div style={{ height }} className="w-full" data-testid="bar-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis
            type="number"
            tick={{ fontSize: 11, fill: '#475569' }}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) => formatCompactMoney(v, currency)}
          />
          <YAxis type="category" dataKey="label" width={150} tick={{ fontSize: 12, fill: '#334155' }} tickLine={false} axisLine={false} />
          <Tooltip cursor={{ fill: '#f1f5f9' }} formatter={(v) => [formatMoney(Number(v), currency), 'Value']} />
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
