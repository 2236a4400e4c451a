'use client';

import { useState } from 'react';
import { buttonClass } from '@/components/ui/button-styles';
import { Field, inputClass } from '@/components/ui/field';
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
      <Field label="Start position" htmlFor="feed-position" className="w-40">
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
      </Field>
      <Field label="Read from" htmlFor="feed-read-shard" className="w-48">
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
      </Field>
      {type === 'AT_TIMESTAMP' && (
        <Field label="Timestamp (UTC)" htmlFor="feed-timestamp" className="w-56">
          <input
            id="feed-timestamp"
            type="datetime-local"
            step={1}
            required
            className={inputClass}
            value={timestamp}
            onChange={(e) => setTimestamp(e.target.value)}
          />
        </Field>
      )}
      {type === 'AT_SEQUENCE_NUMBER' && (
        <Field label="Sequence number" htmlFor="feed-sequence" className="w-72">
          <input
            id="feed-sequence"
            className={`${inputClass} font-mono`}
            inputMode="numeric"
            placeholder="4963…"
            value={sequence}
            onChange={(e) => setSequence(e.target.value)}
          />
        </Field>
      )}
      <button type="submit" className={buttonClass('secondary')}>
        {type === 'LATEST' ? 'Tail live' : 'Read'}
      </button>
    </form>
  );
}
