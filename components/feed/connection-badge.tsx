import type { ConnectionState } from './use-feed-stream';

const LOOKS: Record<ConnectionState['status'], { label: string; dot: string; ring: string }> = {
  connecting: {
    label: 'Connecting',
    dot: 'bg-slate-400 animate-pulse',
    ring: 'bg-slate-50 text-slate-700 ring-slate-300',
  },
  live: { label: 'Live', dot: 'bg-emerald-500', ring: 'bg-emerald-50 text-emerald-800 ring-emerald-600/25' },
  reconnecting: {
    label: 'Reconnecting',
    dot: 'bg-amber-500 animate-pulse',
    ring: 'bg-amber-50 text-amber-900 ring-amber-600/30',
  },
  error: { label: 'Error', dot: 'bg-red-500', ring: 'bg-red-50 text-red-800 ring-red-600/25' },
};

/** The stream's state; the reason (why it is reconnecting or failed) is in the title and for screen readers. */
export function ConnectionBadge({ connection, paused }: { connection: ConnectionState; paused: boolean }) {
  const look = LOOKS[connection.status];
  const reason = 'reason' in connection ? connection.reason : undefined;
  return (
    <span
      data-testid="connection-state"
      data-status={connection.status}
      title={reason}
      className={`inline-flex items-center gap-2 rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${look.ring}`}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${look.dot}`} />
      {look.label}
      {connection.status === 'live' && paused && <span className="text-emerald-700">· view paused</span>}
      {reason && <span className="sr-only">: {reason}</span>}
    </span>
  );
}
