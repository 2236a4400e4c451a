'use client';

import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Currency } from '@/lib/orders/money';
import type { SeriesPoint } from '@/lib/analytics/dashboard';
import { formatBucket, formatCompactMoney, formatCount, formatMoney } from '../format';
import { CHART, TOOLTIP_STYLE } from './chart-theme';

export type Metric = 'revenue' | 'orders' | 'aov';

const valueOf = (p: SeriesPoint, metric: Metric) =>
  metric === 'revenue' ? p.revenue_cents : metric === 'orders' ? p.orders : p.aov_cents;

/** Revenue, orders or AOV per bucket; partial buckets (in progress or clipped) are hatched. */
export default function TimeseriesChart({
  points,
  metric,
  currency,
  granularity,
}: {
  points: SeriesPoint[];
  metric: Metric;
  currency: Currency;
  granularity: string;
}) {
  const data = points.map((p) => ({ ...p, value: valueOf(p, metric), label: formatBucket(p.key, granularity) }));
  const money = metric !== 'orders';
  return (
    <div className="h-72 w-full" data-testid="timeseries-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <defs>
            <pattern id="partial-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill={CHART.hatch} />
              <line x1="0" y1="0" x2="0" y2="6" stroke={CHART.bar} strokeWidth="2" />
            </pattern>
          </defs>
          <CartesianGrid vertical={false} stroke={CHART.grid} />
          <XAxis dataKey="label" tick={{ fontSize: 11, fill: CHART.tick }} tickLine={false} axisLine={{ stroke: CHART.axis }} minTickGap={24} />
          <YAxis
            tick={{ fontSize: 11, fill: CHART.tick }}
            tickLine={false}
            axisLine={false}
            width={64}
            tickFormatter={(v: number) => (money ? formatCompactMoney(v, currency) : formatCount(v))}
          />
          <Tooltip
            {...TOOLTIP_STYLE}
            cursor={{ fill: CHART.cursor }}
            formatter={(v) => [money ? formatMoney(Number(v), currency) : formatCount(Number(v)), metric === 'aov' ? 'Avg order value' : metric === 'orders' ? 'Orders' : 'Revenue']}
            labelFormatter={(label, payload) => {
              const partial = payload?.[0]?.payload?.partial as boolean | undefined;
              return `${String(label)}${partial ? ' (partial period)' : ''}`;
            }}
          />
          <Bar dataKey="value" radius={[3, 3, 0, 0]} isAnimationActive={false}>
            {data.map((p) => (
              <Cell key={p.key} fill={p.partial ? 'url(#partial-hatch)' : CHART.bar} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
