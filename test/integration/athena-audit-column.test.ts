import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLogBucket } from '@/lib/resources';
import {
  asObjects,
  changeRow,
  removeDataDir,
  runQuery,
  startAthenaHarness,
  writeChangeFile,
  writeParquetChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

/**
 * `updated_by` joined the change log after it had data: objects written before it (Parquet and
 * JSON without the column) must stay readable, with NULL there, next to new ones.
 */
let athena: AthenaHarness;

/** A Parquet object as the writer made it before the column existed. */
async function writeOldParquet(dataDir: string, dt: string, name: string, orderId: string) {
  const dir = path.join(dataDir, 's3', changeLogBucket.name, changeLogBucket.tablePrefix, `dt=${dt}`);
  await fs.mkdir(dir, { recursive: true });
  const { updated_by: _dropped, items: _items, ...row } = changeRow({ order_id: orderId, change_time: `${dt}T09:00:00.000Z` });
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const select = Object.entries(row)
    .map(([key, value]) => `${typeof value === 'string' ? `'${value}'` : value} AS "${key}"`)
    .join(', ');
  const items = "[{'sku': 'LAP-13', 'name': 'Laptop', 'category': 'Computers', 'quantity': 1::BIGINT, 'unit_price_cents': 129900::BIGINT}]";
  await connection.run(`COPY (SELECT ${select}, ${items} AS items) TO '${path.join(dir, name)}' (FORMAT parquet)`);
  connection.closeSync();
  instance.closeSync();
}

beforeAll(async () => {
  athena = await startAthenaHarness();
  await writeOldParquet(athena.dataDir, '2026-11-18', 'old-1.parquet', 'old-parquet');
  const { updated_by: _none, ...oldJson } = changeRow({ order_id: 'old-json', change_time: '2026-11-18T10:00:00.000Z' });
  await writeChangeFile(athena.dataDir, '2026-11-18', 'old-json-1', [oldJson]);
  await writeParquetChangeFile(athena.dataDir, '2026-11-19', 'new-1.parquet', [
    changeRow({ order_id: 'new-order', change_time: '2026-11-19T10:00:00.000Z', updated_by: 'analyst' }),
    changeRow({ order_id: 'new-order', change_time: '2026-11-19T11:00:00.000Z', version: 2, event_name: 'MODIFY', updated_by: 'sales' }),
  ]);
});

afterAll(async () => {
  await athena?.stop();
  await removeDataDir(athena?.dataDir);
});

describe('the updated_by column', () => {
  it('reads NULL from objects written before it, and the writer from new ones', async () => {
    const rows = asObjects(
      await runQuery(athena.client, 'SELECT order_id, version, updated_by FROM order_changes ORDER BY order_id, version'),
    );
    expect(rows).toEqual([
      { order_id: 'new-order', version: '1', updated_by: 'analyst' },
      { order_id: 'new-order', version: '2', updated_by: 'sales' },
      { order_id: 'old-json', version: '1', updated_by: null },
      { order_id: 'old-parquet', version: '1', updated_by: null },
    ]);
  });

  it('reads NULL when every object a query touches predates it', async () => {
    const rows = asObjects(await runQuery(athena.client, "SELECT order_id, updated_by FROM order_changes WHERE dt = '2026-11-18' ORDER BY order_id"));
    expect(rows).toEqual([
      { order_id: 'old-json', updated_by: null },
      { order_id: 'old-parquet', updated_by: null },
    ]);
  });

  it('is part of the current state: the latest writer of each order', async () => {
    const rows = asObjects(await runQuery(athena.client, 'SELECT order_id, version, updated_by FROM orders_current ORDER BY order_id'));
    expect(rows).toEqual([
      { order_id: 'new-order', version: '2', updated_by: 'sales' },
      { order_id: 'old-json', version: '1', updated_by: null },
      { order_id: 'old-parquet', version: '1', updated_by: null },
    ]);
  });
});
