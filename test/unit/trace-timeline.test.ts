import { describe, expect, it } from 'vitest';
import type { AthenaChangeRow } from '@/lib/trace/athena-rows';
import type { KinesisHit } from '@/lib/trace/kinesis-history';
import type { ObjectInfo } from '@/lib/trace/s3-objects';
import { assembleChanges, formatDuration, isSettled, type ErrorHit, type TimelineInput } from '@/lib/trace/timeline';
import type { OrderSnapshot } from '@/lib/trace/types';

const NOW = new Date('2026-11-20T10:01:00.000Z');

const hit = (overrides: Partial<KinesisHit> = {}): KinesisHit => ({
  shardId: 'shardId-000000000001',
  sequenceNumber: '49650000000000000000000000000000000000000000000000000001',
  arrivalTime: '2026-11-20T10:00:00.250Z',
  eventID: 'ev-1',
  eventName: 'INSERT',
  streamSequenceNumber: '100',
  changeTime: '2026-11-20T10:00:00.100Z',
  version: 1,
  updatedAt: '2026-11-20T10:00:00.000Z',
  totalCents: 2_500,
  currency: 'USD',
  updatedBy: 'sales',
  ...overrides,
});

const URI = 's3://sales-cdc-changes/order_changes/dt=2026-11-20/order-changes-to-s3-1-x';
const row = (overrides: Partial<AthenaChangeRow> = {}): AthenaChangeRow => ({
  objectUri: URI,
  eventId: 'ev-1',
  eventName: 'INSERT',
  version: 1,
  sequenceNumber: '100'.padStart(40, '0'),
  changeTime: '2026-11-20T10:00:00.100Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  totalCents: 2_500,
  currency: 'USD',
  dt: '2026-11-20',
  updatedBy: 'sales',
  ...overrides,
});

const object: ObjectInfo = {
  uri: URI,
  bucket: 'sales-cdc-changes',
  key: 'order_changes/dt=2026-11-20/order-changes-to-s3-1-x',
  lastModified: '2026-11-20T10:00:01.000Z',
  size: 900,
};

const item = (overrides: Partial<OrderSnapshot> = {}): OrderSnapshot => ({
  state: 'exists',
  version: 1,
  status: 'paid',
  customerName: 'Ada',
  totalCents: 2_500,
  currency: 'USD',
  createdAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  updatedBy: 'sales',
  ...overrides,
});

const input = (overrides: Partial<TimelineInput> = {}): TimelineInput => ({
  now: NOW,
  deliveryBudgetMs: 20_000,
  bufferLabel: '1 s locally',
  pipeBudgetMs: 20_000,
  item: item(),
  kinesis: [hit()],
  athenaRows: [row()],
  athenaQueryId: 'query-1',
  athenaCurrent: { version: 1, status: 'paid', totalCents: 2_500, currency: 'USD', lastChangeTime: '2026-11-20T10:00:00.100Z' },
  objects: new Map([[URI, object]]),
  errors: [],
  ...overrides,
});

describe('trace timeline', () => {
  it('says who made each change, from Kinesis first, else the change log, else the item', () => {
    expect(assembleChanges(input({ kinesis: [hit({ updatedBy: 'admin' })] }))[0]!.updatedBy).toBe('admin');
    expect(assembleChanges(input({ kinesis: [] }))[0]!.updatedBy).toBe('sales');
    // A change log row written before the audit column knows nobody.
    expect(assembleChanges(input({ kinesis: [], athenaRows: [row({ updatedBy: null })], item: item({ updatedBy: null }) }))[0]!.updatedBy).toBeNull();
  });

  it('joins the stages of one change by eventID, with the latency of each stage', () => {
    const [change, ...rest] = assembleChanges(input());
    expect(rest).toEqual([]);
    expect(change).toMatchObject({ key: 'ev-1', version: 1, eventName: 'INSERT', status: 'complete', reason: null });
    expect(change!.stages.map((s) => [s.name, s.state, s.at, s.latencyMs])).toEqual([
      ['dynamodb', 'done', '2026-11-20T10:00:00.000Z', null],
      ['stream', 'done', '2026-11-20T10:00:00.100Z', 100],
      ['kinesis', 'done', '2026-11-20T10:00:00.250Z', 150],
      ['s3', 'done', '2026-11-20T10:00:01.000Z', 750],
      ['athena', 'done', null, null],
    ]);
    expect(change!.endToEndMs).toBe(1_000);
    expect(change!.stages[2]!.facts).toContainEqual({ label: 'shard', value: 'shardId-000000000001', mono: true });
    expect(change!.stages[3]!.facts).toContainEqual({ label: 'object', value: object.key, mono: true });
    expect(change!.stages[4]!.facts).toContainEqual({ label: 'query', value: 'query-1', mono: true });
    expect(isSettled(assembleChanges(input()), item(), input().athenaCurrent)).toBe(true);
  });

  it('counts from the write when the stream time is rounded down (DynamoDB Local: to the minute)', () => {
    const coarse = hit({ changeTime: '2026-11-20T10:00:00.000Z', updatedAt: '2026-11-20T10:00:48.900Z', arrivalTime: '2026-11-20T10:00:49.000Z' });
    const late = { ...object, lastModified: '2026-11-20T10:00:50.000Z' };
    const [change] = assembleChanges(input({ kinesis: [coarse], objects: new Map([[URI, late]]) }));
    expect(change!.stages.slice(0, 4).map((s) => s.latencyMs)).toEqual([null, null, 100, 1_000]);
    expect(change!.stages[1]!.note).toMatch(/^Time rounded down by DynamoDB/);
    expect(change!.endToEndMs).toBe(1_100);
  });

  it('a just-deleted order stays unsettled until its REMOVE is traced; an old unknown id is settled', () => {
    const [insert] = assembleChanges(input());
    const recent = { idAgeMs: 2_000, pipeBudgetMs: 20_000 };
    expect(isSettled([insert!], null, null, recent)).toBe(false);
    expect(isSettled([], null, null, recent)).toBe(false);
    const removed = { ...insert!, eventName: 'REMOVE' as const, version: 2 };
    expect(isSettled([insert!, removed], null, null, recent)).toBe(true);
    expect(isSettled([], null, null, { idAgeMs: 60_000, pipeBudgetMs: 20_000 })).toBe(true);
  });

  it('never shows a negative latency when a stage reports whole seconds', () => {
    const early = { ...object, lastModified: '2026-11-20T10:00:00.000Z' };
    const [change] = assembleChanges(input({ objects: new Map([[URI, early]]) }));
    expect(change!.stages[3]!.latencyMs).toBe(0);
  });

  it('a change on Kinesis but not in S3 is in flight within the delivery budget, stuck after it', () => {
    const fresh = assembleChanges(input({ athenaRows: [], now: new Date('2026-11-20T10:00:01.000Z') }))[0]!;
    expect(fresh.status).toBe('in_flight');
    expect(fresh.reason).toBe('In Kinesis, not yet in S3: Firehose buffers up to 1 s locally.');
    expect(fresh.stages.find((s) => s.name === 's3')!.state).toBe('pending');
    expect(isSettled([fresh], item(), null)).toBe(false);

    const stale = assembleChanges(input({ athenaRows: [], now: new Date('2026-11-20T10:05:00.000Z') }))[0]!;
    expect(stale.status).toBe('stuck');
    expect(stale.reason).toBe(
      'Stuck between Kinesis and S3: On Kinesis for 5 min but in neither the change log nor the error prefix. Is Firehose delivering?',
    );
    expect(stale.stages.find((s) => s.name === 's3')!.state).toBe('stuck');
  });

  it('a record in the error prefix is failed, with where and why', () => {
    const error: ErrorHit = {
      key: 'errors/processing-failed/2026/11/20/10/order-changes-to-s3-1-err',
      errorCode: 'Lambda.ProcessingFailed',
      errorMessage: 'total_cents 1 does not equal the sum of its lines (2500)',
      eventID: 'ev-1',
      eventName: 'INSERT',
      version: 1,
      failedAt: '2026-11-20T10:00:01.500Z',
      arrivedAt: '2026-11-20T10:00:00.250Z',
    };
    const [change] = assembleChanges(input({ athenaRows: [], errors: [error] }));
    expect(change!.status).toBe('failed');
    expect(change!.reason).toBe(
      'Failed in Firehose: it sits in the error prefix (errors/processing-failed/2026/11/20/10/order-changes-to-s3-1-err) with this reason: total_cents 1 does not equal the sum of its lines (2500)',
    );
    const s3 = change!.stages.find((s) => s.name === 's3')!;
    expect(s3).toMatchObject({ state: 'failed', note: error.errorMessage, at: error.failedAt });
    expect(change!.stages.find((s) => s.name === 'athena')!.state).toBe('failed');
    expect(isSettled([change!], item(), null)).toBe(true);
  });

  it('a write not yet on Kinesis appears from the DynamoDB item; stuck once past the pipe budget', () => {
    const edited = item({ version: 2, updatedAt: '2026-11-20T10:00:50.000Z' });
    const changes = assembleChanges(input({ item: edited }));
    expect(changes.map((c) => [c.key, c.version, c.eventName, c.status])).toEqual([
      ['ev-1', 1, 'INSERT', 'complete'],
      ['v2', 2, 'MODIFY', 'in_flight'],
    ]);
    expect(changes[1]!.stages.map((s) => s.state)).toEqual(['done', 'pending', 'pending', 'pending', 'pending']);
    expect(isSettled(changes, edited, input().athenaCurrent)).toBe(false);

    const late = assembleChanges(input({ item: edited, now: new Date('2026-11-20T10:02:00.000Z') }))[1]!;
    expect(late.status).toBe('stuck');
    expect(late.reason).toMatch(/^Stuck between DynamoDB and Kinesis: .*dead-letter queue\.$/);
  });

  it('a write the pipe gave up on is stuck before Kinesis, with the dead-letter queue and its reason', () => {
    const edited = item({ version: 2, updatedAt: '2026-11-20T10:00:50.000Z' });
    const changes = assembleChanges(
      input({
        item: edited,
        deadLetters: [
          {
            queue: 'orders-to-kinesis-dlq',
            messageId: 'm-1',
            reason: 'ResourceNotFoundException: Stream order-changes not found',
            sentAt: '2026-11-20T10:00:55.000Z',
            eventName: 'MODIFY',
            sequenceNumber: '200',
          },
        ],
      }),
    );
    const stuck = changes[1]!;
    expect(stuck).toMatchObject({ key: 'v2', version: 2, eventName: 'MODIFY', status: 'stuck' });
    expect(stuck.reason).toBe(
      'Stuck before Kinesis: the pipe gave up and it sits in the dead-letter queue (orders-to-kinesis-dlq) with this reason: ResourceNotFoundException: Stream order-changes not found',
    );
    expect(stuck.stages.map((s) => s.state)).toEqual(['done', 'done', 'stuck', 'pending', 'pending']);
    expect(stuck.stages[2]!.facts).toContainEqual({ label: 'message', value: 'm-1', mono: true });
    expect(isSettled(changes, edited, input().athenaCurrent)).toBe(true);
  });

  it('orders changes by version and counts redeliveries once', () => {
    const second = hit({ eventID: 'ev-2', eventName: 'MODIFY', version: 2, sequenceNumber: '2', changeTime: '2026-11-20T10:00:10.000Z' });
    const changes = assembleChanges(
      input({
        item: item({ version: 2 }),
        kinesis: [second, hit(), hit({ sequenceNumber: '3' })],
        athenaRows: [row(), row(), row({ eventId: 'ev-2', eventName: 'MODIFY', version: 2 })],
      }),
    );
    expect(changes.map((c) => c.key)).toEqual(['ev-1', 'ev-2']);
    expect(changes[0]!.stages[2]!.facts.find((f) => f.label === 'copies')?.value).toMatch(/^2 /);
    expect(changes[0]!.stages[4]!.facts.find((f) => f.label === 'rows')?.value).toMatch(/^2 /);
  });

  it('keeps what the other stages know when one cannot be read', () => {
    const [change] = assembleChanges(input({ kinesis: undefined }));
    expect(change!.status).toBe('complete');
    expect(change!.stages[2]).toMatchObject({ state: 'unknown', note: 'Kinesis could not be read just now.' });
    const [noAthena] = assembleChanges(input({ athenaRows: undefined }));
    expect(noAthena!.status).toBe('in_flight');
    expect(noAthena!.stages.slice(3).map((s) => s.state)).toEqual(['unknown', 'unknown']);
  });

  it('a deleted order keeps its history; the delete has no item time', () => {
    const remove = hit({
      eventID: 'ev-9',
      eventName: 'REMOVE',
      version: 1,
      updatedAt: null,
      changeTime: '2026-11-20T10:00:30.000Z',
      arrivalTime: '2026-11-20T10:00:30.200Z',
    });
    const changes = assembleChanges(
      input({ item: null, kinesis: [hit(), remove], athenaRows: [row()], now: new Date('2026-11-20T10:00:31.000Z') }),
    );
    expect(changes.map((c) => [c.eventName, c.status])).toEqual([
      ['INSERT', 'complete'],
      ['REMOVE', 'in_flight'],
    ]);
    expect(changes[1]!.stages[0]).toMatchObject({ at: null, state: 'done' });
    expect(changes[1]!.stages[1]!.latencyMs).toBeNull();
  });

  it('formats durations for people', () => {
    expect(formatDuration(240)).toBe('240 ms');
    expect(formatDuration(1_500)).toBe('1.5 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_900_000)).toBe('1 h 5 min');
    expect(formatDuration(299_750)).toBe('5 min');
  });
});
