import { describe, expect, it } from 'vitest';
import type { KinesisActivitySnapshot } from '@/lib/pipeline/kinesis-activity';
import {
  athenaStage,
  deliveryLagMs,
  firehoseStage,
  kinesisStage,
  pipeStage,
  s3Stage,
  streamStage,
  tableStage,
  worstStatus,
  type DeliveryFacts,
  type ErrorFacts,
  type KinesisFacts,
  type Thresholds,
} from '@/lib/pipeline/status-rules';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const at = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString();
const t: Thresholds = { pipeLatencyMs: 30_000, deliveryAllowanceMs: 12_000, queryableAllowanceMs: 27_000 };

function activity(overrides: Partial<KinesisActivitySnapshot> = {}): KinesisActivitySnapshot {
  return {
    windowStart: at(3600),
    warming: false,
    lastMinute: 4,
    lastHour: 40,
    newestArrival: at(2),
    newestChangeTime: at(3),
    latency: { samples: 4, p50Ms: 800, p95Ms: 1_200, maxMs: 1_300, p95FloorMs: 300, minuteRounded: false },
    ...overrides,
  };
}
const kinesis = (a: Partial<KinesisActivitySnapshot> = {}): KinesisFacts => ({ name: 's', shards: 2, openShards: 2, activity: activity(a) });
const delivery = (writtenSecondsAgo: number | null): DeliveryFacts => ({
  bucket: 'b',
  dt: '2026-11-26',
  objects: 3,
  truncated: false,
  bytes: 4096,
  newest:
    writtenSecondsAgo === null
      ? null
      : { key: 'order_changes/dt=2026-11-26/x', lastModified: at(writtenSecondsAgo), size: 100, rows: 2, newestChangeTime: at(writtenSecondsAgo + 1) },
});
const noErrors: ErrorFacts = { prefix: 'errors/', objects: 0, truncated: false, recentObjects: 0, newestAt: null, topReason: null };
const noDlq = { queue: 'orders-to-kinesis-dlq', visible: 0, inFlight: 0, topReason: null };

describe('table and stream', () => {
  const table = { name: 'orders', status: 'ACTIVE', itemCount: 10, sizeBytes: 2048, streamEnabled: true, streamArn: 'arn' };

  it('is healthy when active with its stream on', () => {
    expect(tableStage(table, 'orders')).toMatchObject({ status: 'healthy', metrics: [{ label: 'Items', value: '10' }, { label: 'Size', value: '2.0 KB' }] });
  });

  it('fails without a stream, lags while updating, fails when unreachable', () => {
    expect(tableStage({ ...table, streamEnabled: false }, 'orders')).toMatchObject({ status: 'failing', reason: expect.stringMatching(/stream is off/) });
    expect(tableStage({ ...table, status: 'UPDATING' }, 'orders').status).toBe('lagging');
    expect(tableStage({ failed: 'ResourceNotFoundException' }, 'orders')).toMatchObject({
      status: 'failing',
      reason: 'Cannot describe the table: ResourceNotFoundException',
    });
  });

  it('judges the stream by its status', () => {
    expect(streamStage({ status: 'ENABLED', shards: 3, openShards: 1 }, 's').reason).toBe('Enabled, 1 open shard');
    expect(streamStage({ status: 'ENABLING', shards: 0, openShards: 0 }, 's').status).toBe('lagging');
    expect(streamStage({ status: 'DISABLED', shards: 1, openShards: 0 }, 's').status).toBe('failing');
  });
});

describe('pipe', () => {
  it('is healthy with low latency and an empty dead-letter queue', () => {
    expect(pipeStage(kinesis(), noDlq, 'p', t)).toMatchObject({ status: 'healthy', lagMs: 800, reason: expect.stringMatching(/800 ms \(p50/) });
  });

  it('fails while the dead-letter queue holds batches, naming the reason', () => {
    const stage = pipeStage(kinesis(), { ...noDlq, visible: 2, topReason: 'ResourceNotFoundException' }, 'p', t);
    expect(stage).toMatchObject({ status: 'failing', reason: '2 batches dead-lettered to orders-to-kinesis-dlq: ResourceNotFoundException' });
  });

  it('lags when even the rounding-free floor of p95 latency is over the threshold', () => {
    const slow = kinesis({ latency: { samples: 9, p50Ms: 40_000, p95Ms: 45_000, maxMs: 45_000, p95FloorMs: 31_000, minuteRounded: false } });
    expect(pipeStage(slow, noDlq, 'p', t).status).toBe('lagging');
  });

  it('does not call minute-rounded change times lag', () => {
    const rounded = kinesis({ latency: { samples: 9, p50Ms: 40_000, p95Ms: 58_000, maxMs: 58_000, p95FloorMs: 0, minuteRounded: true } });
    const stage = pipeStage(rounded, noDlq, 'p', t);
    expect(stage.status).toBe('healthy');
    expect(stage.reason).toMatch(/rounded to the minute/);
    // An upper bound is shown as one, and not claimed as lag.
    expect(stage.metrics[0]).toEqual({ label: 'Latency p50', value: '≤ 40 s' });
    expect(stage.lagMs).toBeNull();
  });

  it('says when nothing moved, and lags when the dead-letter queue cannot be read', () => {
    expect(pipeStage(kinesis({ latency: null }), noDlq, 'p', t).reason).toBe('No changes in the last 5 minutes');
    expect(pipeStage(kinesis(), { failed: 'QueueDoesNotExist' }, 'p', t)).toMatchObject({
      status: 'lagging',
      reason: expect.stringMatching(/dead-letter queue unreadable \(QueueDoesNotExist\)/),
    });
  });
});

describe('kinesis', () => {
  it('counts records and notes while the hour is still being read', () => {
    expect(kinesisStage(kinesis({ warming: true }), 's')).toMatchObject({
      status: 'healthy',
      reason: '40 records in the last hour (still reading the last hour)',
    });
    expect(kinesisStage({ ...kinesis(), openShards: 0 }, 's').status).toBe('failing');
    expect(kinesisStage(kinesis({ unavailable: 'The change stream is unreachable' }), 's').status).toBe('failing');
  });
});

describe('firehose and S3', () => {
  it('measures lag from the newest write (data or error object) against the newest arrival', () => {
    // Written after the newest arrival: caught up.
    expect(deliveryLagMs(kinesis({ newestArrival: at(5) }), delivery(3), noErrors, NOW)).toBe(0);
    // Arrivals since the last write: the time since that write.
    expect(deliveryLagMs(kinesis({ newestArrival: at(0.5) }), delivery(3), noErrors, NOW)).toBe(3_000);
    // A refused record counts as handled: its error object is a write too.
    const refused = { ...noErrors, objects: 1, newestAt: at(0) };
    expect(deliveryLagMs(kinesis({ newestArrival: at(0.5) }), delivery(3), refused, NOW)).toBe(0);
    // Nothing ever written: the newest record's wait.
    expect(deliveryLagMs(kinesis({ newestArrival: at(30) }), delivery(null), noErrors, NOW)).toBe(30_000);
    expect(deliveryLagMs(kinesis({ newestArrival: null }), delivery(3), noErrors, NOW)).toBeNull();
  });

  it('is healthy within the buffering allowance and lags beyond it', () => {
    expect(firehoseStage(kinesis({ newestArrival: at(0.5) }), delivery(3), noErrors, 'f', NOW, t)).toMatchObject({
      status: 'healthy',
      reason: 'Delivering, 3.0 s since the last write',
    });
    expect(firehoseStage(kinesis({ newestArrival: at(5) }), delivery(3), noErrors, 'f', NOW, t).reason).toBe('Caught up with Kinesis');
    const stuck = delivery(3);
    stuck.newest!.lastModified = at(300);
    expect(firehoseStage(kinesis({ newestArrival: at(1) }), stuck, noErrors, 'f', NOW, t)).toMatchObject({
      status: 'lagging',
      reason: 'Records have waited 5 min on Kinesis without a delivery',
      lagMs: 300_000,
    });
  });

  it('fails on error objects from the last hour and mentions older ones otherwise', () => {
    const recent = { ...noErrors, objects: 3, recentObjects: 1, topReason: 'data is not JSON' };
    expect(firehoseStage(kinesis(), delivery(5), recent, 'f', NOW, t)).toMatchObject({
      status: 'failing',
      reason: '1 error object in the last hour: data is not JSON',
    });
    const old = { ...noErrors, objects: 3 };
    expect(firehoseStage(kinesis(), delivery(5), old, 'f', NOW, t).reason).toMatch(/3 older error objects kept/);
  });

  it('describes today in S3, or that nothing is there yet', () => {
    expect(s3Stage(delivery(5), 'b')).toMatchObject({ status: 'healthy', reason: 'Partition dt=2026-11-26; newest object written 11:59:55 UTC' });
    expect(s3Stage(delivery(null), 'b').reason).toBe('No objects for dt=2026-11-26 yet');
    expect(s3Stage({ failed: 'NoSuchBucket' }, 'b').status).toBe('failing');
  });
});

describe('athena', () => {
  it('compares what queries see with what S3 holds', () => {
    expect(athenaStage({ rowsToday: 9, newestChangeTime: at(5), dt: '2026-11-26' }, delivery(5), 'a', t)).toMatchObject({
      status: 'healthy',
      reason: '9 change rows queryable for dt=2026-11-26',
    });
    expect(athenaStage({ rowsToday: 9, newestChangeTime: at(600), dt: '2026-11-26' }, delivery(5), 'a', t).status).toBe('lagging');
    expect(athenaStage({ rowsToday: 0, newestChangeTime: null, dt: '2026-11-26' }, delivery(5), 'a', t).status).toBe('lagging');
    expect(athenaStage({ failed: 'InvalidRequestException' }, delivery(5), 'a', t).status).toBe('failing');
  });
});

describe('worstStatus', () => {
  it('takes the worst', () => {
    expect(worstStatus([])).toBe('healthy');
    expect(worstStatus(['healthy', 'lagging'])).toBe('lagging');
    expect(worstStatus(['lagging', 'failing', 'healthy'])).toBe('failing');
  });
});

describe('while the last hour is still being read', () => {
  it('says so instead of showing zero records or "no changes"', () => {
    const warming = kinesis({ warming: true, lastHour: 0, lastMinute: 0, latency: null, newestArrival: null });
    expect(kinesisStage(warming, 's')).toMatchObject({ reason: 'Reading the last hour of records…', metrics: [{ value: '…' }, { value: '…' }, { value: '2' }] });
    expect(pipeStage(warming, noDlq, 'p', t).reason).toBe('Measuring latency from the records on Kinesis…');
  });
});
