import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUERIES } from '@/lib/analytics/queries';
import {
  asObjects,
  changePartitionDir,
  changeRow,
  removeDataDir,
  runQuery,
  startAthenaHarness,
  writeChangeFile,
  writeParquetChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

/**
 * An old-format `.data/`: change logs written while the time columns were strings, under
 * `order_changes/` (Parquet and, from before the Parquet conversion, JSON). After the upgrade
 * new changes land typed under `order_changes_v2/`; `orders_current` must rank both together,
 * and the loaded log must survive a restart (kept in `.data/athena/change-log.duckdb`).
 */

let dataDir: string;
let athena: AthenaHarness | undefined;

const revenueSql = `SELECT order_id, version, status, total_cents, order_date, last_change_time
FROM orders_current ORDER BY order_id`;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'athena-migration-'));
  // Before the upgrade: an order created and edited, one later deleted, one left alone.
  await writeParquetChangeFile(
    dataDir,
    '2026-10-01',
    'old-1.parquet',
    [
      changeRow({ order_id: 'a', version: 1, change_time: '2026-10-01T09:00:00.000Z', order_date: '2026-10-01T08:00:00.000Z', total_cents: 1000 }),
      changeRow({ order_id: 'b', version: 1, change_time: '2026-10-01T09:30:00.000Z', order_date: '2026-10-01T08:30:00.000Z', total_cents: 2500 }),
    ],
    'legacy',
  );
  await writeChangeFile(
    dataDir,
    '2026-10-02',
    'old-json-1',
    [changeRow({ order_id: 'c', version: 1, change_time: '2026-10-02T10:00:00.000Z', order_date: '2026-10-02T07:00:00.000Z', total_cents: 700 })],
    'legacy',
  );
  // After it: a's edit and b's delete arrive typed.
  await writeParquetChangeFile(dataDir, '2026-12-01', 'new-1.parquet', [
    changeRow({ order_id: 'a', version: 2, event_name: 'MODIFY', change_time: '2026-12-01T09:00:00.000Z', order_date: '2026-10-01T08:00:00.000Z', status: 'shipped', total_cents: 1200 }),
    changeRow({ order_id: 'b', version: 2, event_name: 'REMOVE', is_deleted: true, change_time: '2026-12-01T09:05:00.000Z', order_date: '2026-10-01T08:30:00.000Z', total_cents: 2500 }),
  ]);
  athena = await startAthenaHarness({ dataDir });
});

afterAll(async () => {
  await athena?.stop();
  await removeDataDir(dataDir);
});

describe('a change log written with string times', () => {
  it('stays queryable as order_changes_v1, times still strings', async () => {
    const rows = asObjects(
      await runQuery(athena!.client, 'SELECT order_id, typeof(change_time) AS t FROM order_changes_v1 ORDER BY order_id'),
    );
    expect(rows).toEqual([
      { order_id: 'a', t: 'VARCHAR' },
      { order_id: 'b', t: 'VARCHAR' },
      { order_id: 'c', t: 'VARCHAR' },
    ]);
  });

  it('is ranked with the typed log in orders_current: edits win across tables, deletes remove', async () => {
    const rows = asObjects(await runQuery(athena!.client, revenueSql));
    expect(rows).toEqual([
      { order_id: 'a', version: '2', status: 'shipped', total_cents: '1200', order_date: '2026-10-01 08:00:00.000', last_change_time: '2026-12-01 09:00:00.000' },
      { order_id: 'c', version: '1', status: 'pending', total_cents: '700', order_date: '2026-10-02 07:00:00.000', last_change_time: '2026-10-02 10:00:00.000' },
    ]);
  });

  it('answers Athena date functions over old and new orders alike', async () => {
    const rows = asObjects(
      await runQuery(
        athena!.client,
        "SELECT date_trunc('month', order_date) AS month, sum(total_cents) AS cents FROM orders_current GROUP BY 1 ORDER BY 1",
      ),
    );
    expect(rows).toEqual([{ month: '2026-10-01 00:00:00.000', cents: '1900' }]);
  });

  it('survives a restart in its stored database, and picks up what arrived while stopped', async () => {
    await athena!.stop();
    await writeParquetChangeFile(dataDir, '2026-12-02', 'new-2.parquet', [
      changeRow({ order_id: 'c', version: 2, event_name: 'MODIFY', change_time: '2026-12-02T09:00:00.000Z', order_date: '2026-10-02T07:00:00.000Z', total_cents: 900 }),
    ]);
    athena = await startAthenaHarness({ dataDir });
    const rows = asObjects(await runQuery(athena.client, 'SELECT order_id, version, total_cents FROM orders_current ORDER BY order_id'));
    expect(rows).toEqual([
      { order_id: 'a', version: '2', total_cents: '1200' },
      { order_id: 'c', version: '2', total_cents: '900' },
    ]);
    const stored = await fs.stat(path.join(dataDir, 'athena', 'change-log.duckdb'));
    expect(stored.size).toBeGreaterThan(0);
  });

  it('rebuilds from S3 when a file it had loaded is gone', async () => {
    await athena!.stop();
    await fs.rm(path.join(changePartitionDir(dataDir, '2026-12-02'), 'new-2.parquet'));
    athena = await startAthenaHarness({ dataDir });
    const rows = asObjects(await runQuery(athena.client, 'SELECT order_id, version FROM orders_current ORDER BY order_id'));
    expect(rows).toEqual([
      { order_id: 'a', version: '2' },
      { order_id: 'c', version: '1' },
    ]);
  });
});

describe('a deployment that has delivered nothing since the upgrade', () => {
  it("still shows its last delivery as the dashboard's as-of", async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'athena-migration-fresh-'));
    await writeParquetChangeFile(
      dir,
      '2026-10-05',
      'old.parquet',
      [changeRow({ order_id: 'z', change_time: '2026-10-05T11:22:33.444Z', order_date: '2026-10-05T08:00:00.000Z' })],
      'legacy',
    );
    const harness = await startAthenaHarness({ dataDir: dir });
    try {
      const rows = asObjects(
        await runQuery(harness.client, QUERIES.freshness.sql, { ExecutionParameters: ["'2026-10-01'", "'2026-10-01'"] }),
      );
      expect(rows).toEqual([{ as_of: '2026-10-05 11:22:33.444' }]);
    } finally {
      await harness.stop();
      await removeDataDir(dir);
    }
  });
});
