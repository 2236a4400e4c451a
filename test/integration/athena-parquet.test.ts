import { statSync } from 'node:fs';
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
 * The change log as Firehose writes it with record format conversion: Snappy Parquet. Athena bills
 * a Parquet scan by the column chunks it reads; JSON objects written before the conversion stay
 * readable and are billed whole.
 */

let athena: AthenaHarness;
const sizes: Record<string, number> = {};

const rowsOf = (prefix: string, count: number, dt: string) =>
  Array.from({ length: count }, (_, i) =>
    changeRow({
      order_id: `${prefix}-${i}`,
      status: i % 2 ? 'paid' : 'pending',
      change_time: `${dt}T10:00:00.000Z`,
      customer_name: `Customer number ${i} with a long enough name to weigh something`,
    }),
  );

beforeAll(async () => {
  athena = await startAthenaHarness();
  const parquet = await writeParquetChangeFile(
    athena.dataDir,
    '2026-11-20',
    'stream-1-2026-11-20-10-00-00-a.parquet',
    rowsOf('p', 200, '2026-11-20'),
  );
  const json = await writeChangeFile(athena.dataDir, '2026-11-21', 'stream-1-2026-11-21-10-00-00-b', [
    ...rowsOf('j', 3, '2026-11-21'),
  ]);
  sizes.parquet = statSync(parquet).size;
  sizes.json = statSync(json).size;
});

afterAll(async () => {
  await athena?.stop();
  await removeDataDir(athena?.dataDir);
});

const scanned = async (sql: string) =>
  Number((await runQuery(athena.client, sql)).execution.Statistics?.DataScannedInBytes);

describe('a Parquet change log', () => {
  it('reads Parquet and JSON objects side by side, with "$path" naming each object', async () => {
    const rows = asObjects(
      await runQuery(
        athena.client,
        `SELECT dt, count(*) AS n, min("$path") AS path FROM order_changes GROUP BY dt ORDER BY dt`,
      ),
    );
    expect(rows).toEqual([
      {
        dt: '2026-11-20',
        n: '200',
        path: `s3://${changeLogBucket.name}/${changeLogBucket.tablePrefix}dt=2026-11-20/stream-1-2026-11-20-10-00-00-a.parquet`,
      },
      {
        dt: '2026-11-21',
        n: '3',
        path: `s3://${changeLogBucket.name}/${changeLogBucket.tablePrefix}dt=2026-11-21/stream-1-2026-11-21-10-00-00-b`,
      },
    ]);
    const items = asObjects(
      await runQuery(
        athena.client,
        `SELECT items[1].sku AS sku, items[1].unit_price_cents AS price FROM order_changes WHERE order_id = 'p-1'`,
      ),
    );
    expect(items).toEqual([{ sku: 'LAP-13', price: '129900' }]);
  });

  it('bills a query reading two columns less than SELECT *, and SELECT * the whole file', async () => {
    const pruned = "WHERE dt = '2026-11-20'";
    const two = await scanned(`SELECT order_id, status FROM order_changes ${pruned}`);
    const all = await scanned(`SELECT * FROM order_changes ${pruned}`);
    expect(two).toBeGreaterThan(0);
    expect(two).toBeLessThan(all);
    expect(all).toBeLessThanOrEqual(sizes.parquet!);
    // customer_name is the heaviest column here: reading it costs more than order_id and status.
    expect(await scanned(`SELECT customer_name FROM order_changes ${pruned}`)).toBeGreaterThan(
      await scanned(`SELECT status FROM order_changes ${pruned}`),
    );
  });

  it('bills JSON objects whole, whatever the columns', async () => {
    const pruned = "WHERE dt = '2026-11-21'";
    expect(await scanned(`SELECT order_id FROM order_changes ${pruned}`)).toBe(sizes.json);
    expect(await scanned(`SELECT * FROM order_changes ${pruned}`)).toBe(sizes.json);
  });

  it('bills the current state by the columns it needs plus the ranking columns, over every partition', async () => {
    const count = await scanned('SELECT count(*) FROM orders_current');
    const revenue = await scanned('SELECT sum(total_cents), region FROM orders_current GROUP BY region');
    const everything = await scanned('SELECT * FROM orders_current');
    expect(count).toBeGreaterThan(sizes.json!);
    expect(count).toBeLessThan(revenue);
    expect(revenue).toBeLessThan(everything);
    // event_id and is_deleted are not in the view: never read.
    expect(everything).toBeLessThan(sizes.json! + sizes.parquet!);
  });
});
