'use client';

import { useState } from 'react';
import { buttonClass } from '@/components/ui/button-styles';
import { inputClass } from '@/components/ui/field';
import { localInputToIso, POSITION_LABELS, type PositionType, type StartPosition } from './stream-url';

const TYPES = Object.keys(POSITION_LABELS) as PositionType[];

/** Picks where the stream starts, like the Kinesis console's data viewer; applying reconnects. */
export function PositionControl({
  current,
  shards,
  onApply,
}: {
  current: StartPosition;
  shards: string[];
  onApply: (position: StartPosition) => void;
}) {
  const [type, setType] = useState<PositionType>(current.type);
  const [shard, setShard] = useState(current.shard);
  const [timestamp, setTimestamp] = useState(current.timestamp?.slice(0, 19) ?? '');
  const [sequence, setSequence] = useState(current.sequence ?? '');
  const shardOptions = [...new Set([...shards, ...(shard !== 'all' ? [shard] : [])])].sort();

  return (
    <form
      aria-label="Start position"
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        onApply({
          type,
          shard,
          ...(type === 'AT_TIMESTAMP' ? { timestamp: localInputToIso(timestamp) } : {}),
          ...(type === 'AT_SEQUENCE_NUMBER' ? { sequence: sequence.trim() } : {}),
        });
      }}
    >
      <div className="w-40">
        <label htmlFor="feed-position" className="mb-1 block text-xs font-medium text-slate-700">
          Start position
        </label>
        <select
          id="feed-position"
          className={inputClass}
          value={type}
          onChange={(e) => setType(e.target.value as PositionType)}
        >
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {POSITION_LABELS[t]}
            </option>
          ))}
        </select>
      </div>
      <div className="w-48">
        <label htmlFor="feed-read-shard" className="mb-1 block text-xs font-medium text-slate-700">
          Read from
        </label>
        <select
          id="feed-read-shard"
          className={inputClass}
          value={shard}
          onChange={(e) => setShard(e.target.value)}
        >
          <option value="all">All shards</option>
          {shardOptions.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      {type === 'AT_TIMESTAMP' && (
        <div className="w-56">
          <label htmlFor="feed-timestamp" className="mb-1 block text-xs font-medium text-slate-700">
            Timestamp (UTC)
          </label>
          <input
            id="feed-timestamp"
            type="datetime-local"
            step={1}
            required
            className={inputClass}
            value={timestamp}
            onChange={(e) => setTimestamp(e.target.value)}
          />
        </div>
      )}
      {type === 'AT_SEQUENCE_NUMBER' && (
        <div className="w-72">
          <label htmlFor="feed-sequence" className="mb-1 block text-xs font-medium text-slate-700">
            Sequence number
          </label>
          <input
            id="feed-sequence"
            className={`${inputClass} font-mono`}
            inputMode="numeric"
            placeholder="4963…"
            value={sequence}
            onChange={(e) => setSequence(e.target.value)}
          />
        </div>
      )}
      <button type="submit" className={buttonClass('secondary')}>
        {type === 'LATEST' ? 'Tail live' : 'Read'}
      </button>
    </form>
  );
}
