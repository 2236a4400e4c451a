import { sparklinePoints, WINDOW_SECONDS, type ShardThroughput } from './throughput';

const W = 120;
const H = 28;

/** One shard's records/s over the last minute, as an inline SVG (no chart library on this page). */
export function ShardSparkline({ shard }: { shard: ShardThroughput }) {
  const points = sparklinePoints(shard.buckets, W, H);
  return (
    <div
      data-testid="shard-throughput"
      data-shard={shard.shardId}
      className="flex items-center gap-3 rounded-md border border-slate-200 bg-white px-3 py-2"
    >
      <div className="min-w-0">
        <p className="truncate font-mono text-[11px] text-slate-600" title={shard.shardId}>
          {shard.shardId.replace('shardId-', 'shard ')}
        </p>
        <p className="text-sm font-semibold tabular-nums text-slate-900">
          {shard.rate.toFixed(1)}
          <span className="ml-1 text-xs font-normal text-slate-500">rec/s</span>
        </p>
      </div>
      <svg
        width={W}
        height={H}
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`${shard.shardId}: ${shard.total} records in the last ${WINDOW_SECONDS} seconds`}
        className="shrink-0"
      >
        <line x1={0} y1={H - 1} x2={W} y2={H - 1} className="stroke-slate-200" strokeWidth={1} />
        <polyline points={`0,${H} ${points} ${W},${H}`} className="fill-brand-50 stroke-none" />
        <polyline
          points={points}
          fill="none"
          className="stroke-brand-600"
          strokeWidth={1.5}
          strokeLinejoin="round"
        />
      </svg>
    </div>
  );
}
