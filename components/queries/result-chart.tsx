'use client';

import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ResultColumn } from '@/lib/analytics/runner';
import { CHART, TOOLTIP_STYLE } from '@/components/analytics/charts/chart-theme';

/** A bar or line chart of any result: pick the x column and a numeric y column. */

const NUMERIC = /^(tinyint|smallint|integer|int|bigint|double|real|float|decimal)/i;

export default function ResultChart({ columns, rows, more }: { columns: ResultColumn[]; rows: (string | null)[][]; more: boolean }) {
  const numeric = columns.map((c, i) => ({ ...c, i })).filter((c) => NUMERIC.test(c.type));
  const [x, setX] = useState(0);
  const [y, setY] = useState(numeric.find((c) => c.i !== 0)?.i ?? numeric[0]?.i ?? -1);
  const [kind, setKind] = useState<'bar' | 'line'>('bar');
  const data = useMemo(
    () => rows.map((row) => ({ x: row[x] ?? 'NULL', y: y >= 0 && row[y] !== null ? Number(row[y]) : null })),
    [rows, x, y],
  );

  if (numeric.length === 0)
    return <p className="p-6 text-center text-sm text-slate-600">Charts need a numeric column; this result has none.</p>;

  const select = 'rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-800';
  const Chart = kind === 'bar' ? BarChart : LineChart;
  return (
    <div className="p-3">
      <div className="mb-3 flex flex-wrap items-center gap-4 text-sm text-slate-700">
        <label className="flex items-center gap-2">
          X
          <select aria-label="X axis" className={select} value={x} onChange={(e) => setX(Number(e.target.value))}>
            {columns.map((c, i) => (
              <option key={c.name} value={i}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          Y
          <select aria-label="Y axis" className={select} value={y} onChange={(e) => setY(Number(e.target.value))}>
            {numeric.map((c) => (
              <option key={c.name} value={c.i}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2">
          Chart
          <select aria-label="Chart type" className={select} value={kind} onChange={(e) => setKind(e.target.value as 'bar' | 'line')}>
            <option value="bar">Bar</option>
            <option value="line">Line</option>
          </select>
        </label>
        {more && <span className="text-xs text-slate-500">Showing the first {rows.length} rows.</span>}
      </div>
      <div className="h-72" data-testid="result-chart">
        <ResponsiveContainer width="100%" height="100%">
          <Chart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" stroke={CHART.grid} />
            <XAxis dataKey="x" tick={{ fontSize: 11, fill: CHART.tick }} />
            <YAxis tick={{ fontSize: 11, fill: CHART.tick }} width={80} />
            <Tooltip {...TOOLTIP_STYLE} cursor={kind === 'bar' ? { fill: CHART.cursor } : { stroke: CHART.axis }} />
            {kind === 'bar' ? (
              <Bar dataKey="y" name={columns[y]?.name} fill={CHART.barStrong} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            ) : (
              <Line dataKey="y" name={columns[y]?.name} stroke={CHART.barStrong} strokeWidth={2} dot={false} isAnimationActive={false} />
            )}
          </Chart>
        </ResponsiveContainer>
      </div>
    </div>
  );
}
