import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentViewSql } from '@/lib/analytics/catalog';
import {
  asObjects,
  changeRow,
  removeDataDir,
  runQuery,
  startAthenaHarness,
  writeChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

let athena: AthenaHarness;
const files: Record<string, number> = {};

const item = (quantity: number, unit: number) => ({
  sku: 'SKU',
  name: 'Thing',
  category: 'Stuff',
  quantity,
  unit_price_cents: unit,
});

beforeAll(async () => {
  athena = await startAthenaHarness();
  const write = async (dt: string, name: string, rows: unknown[]) => {
    files[`${dt}/${name}`] = statSync(await writeChangeFile(athena.dataDir, dt, name, rows)).size;
  };
  // a: inserted, then edited twice (the last edit removes a line): latest version wins.
  // b: two changes with the same version: the higher sequence number wins.
  // c: inserted, then removed: gone from the current state.
  // d: its insert is delivered twice (same event): counts once.
  // e: the versions arrive out of order across files: still the highest version.
  const dInsert = changeRow({
    order_id: 'd',
    items: [item(1, 500)],
    change_time: '2026-11-20T09:00:00.000Z',
  });
  await write('2026-11-20', 'part-0001', [
    changeRow({
      order_id: 'a',
      items: [item(1, 1000), item(2, 250)],
      change_time: '2026-11-20T08:00:00.000Z',
    }),
    changeRow({
      order_id: 'b',
      version: 1,
      status: 'pending',
      sequence_number: '0'.repeat(39) + '5',
      items: [item(1, 700)],
    }),
    changeRow({
      order_id: 'b',
      version: 1,
      status: 'paid',
      sequence_number: '0'.repeat(38) + '10',
      items: [item(1, 700)],
    }),
    changeRow({ order_id: 'c', items: [item(3, 100)] }),
    dInsert,
    changeRow({
      order_id: 'e',
      version: 3,
      status: 'shipped',
      region: 'APAC',
      items: [item(1, 4000)],
      change_time: '2026-11-20T11:00:00.000Z',
    }),
  ]);
  await write('2026-11-21', 'part-0002', [
    changeRow({
      order_id: 'a',
      version: 2,
      event_name: 'MODIFY',
      status: 'paid',
      items: [item(1, 1000), item(2, 250)],
      change_time: '2026-11-21T08:00:00.000Z',
    }),
    changeRow({
      order_id: 'a',
      version: 3,
      event_name: 'MODIFY',
      status: 'shipped',
      items: [item(1, 1000)],
      change_time: '2026-11-21T09:00:00.000Z',
    }),
    changeRow({
      order_id: 'c',
      version: 2,
      event_name: 'REMOVE',
      items: [item(3, 100)],
      change_time: '2026-11-21T10:00:00.000Z',
    }),
    dInsert,
    changeRow({
      order_id: 'e',
      version: 2,
      status: 'paid',
      region: 'APAC',
      items: [item(1, 4000)],
      change_time: '2026-11-21T07:00:00.000Z',
    }),
  ]);
  await write('2026-11-22', 'part-0003', [
    changeRow({
      order_id: 'f',
      region: 'NA',
      items: [item(2, 2500)],
      change_time: '2026-11-22T08:00:00.000Z',
    }),
  ]);
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

const bytesOf = (...keys: string[]) => keys.reduce((sum, key) => sum + (files[key] ?? 0), 0);
const ALL = () => Object.keys(files);

describe('the catalog over the change log', () => {
  it('computes the current state: latest version, ties by sequence number, no REMOVE, redeliveries once', async () => {
    const result = await runQuery(
      athena.client,
      'SELECT order_id, version, status, total_cents, item_count FROM orders_current ORDER BY order_id',
    );
    expect(asObjects(result)).toEqual([
      { order_id: 'a', version: '3', status: 'shipped', total_cents: '1000', item_count: '1' },
      { order_id: 'b', version: '1', status: 'paid', total_cents: '700', item_count: '1' },
      { order_id: 'd', version: '1', status: 'pending', total_cents: '500', item_count: '1' },
      { order_id: 'e', version: '3', status: 'shipped', total_cents: '4000', item_count: '1' },
      { order_id: 'f', version: '1', status: 'pending', total_cents: '5000', item_count: '1' },
    ]);
    const totals = await runQuery(
      athena.client,
      'SELECT count(*) AS orders, sum(total_cents) AS revenue FROM orders_current',
    );
    expect(totals.rows[1]).toEqual(['5', '11200']);
    // The raw change log counts every change (the tutorial's mistake).
    const raw = await runQuery(athena.client, 'SELECT count(*) FROM order_changes');
    expect(raw.rows[1]).toEqual(['12']);
  });

  it('agrees with the view’s own SQL run over the whole log', async () => {
    const columns = 'order_id, version, status, region, total_cents, last_change_time';
    const materialized = await runQuery(
      athena.client,
      `SELECT ${columns} FROM orders_current ORDER BY order_id`,
    );
    const direct = await runQuery(
      athena.client,
      `SELECT ${columns} FROM (${currentViewSql}) v ORDER BY order_id`,
    );
    expect(materialized.rows).toEqual(direct.rows);
  });

  it('picks up new files on the next query and updates only what changed', async () => {
    await writeChangeFile(athena.dataDir, '2026-11-22', 'part-0004', [
      changeRow({
        order_id: 'f',
        version: 2,
        event_name: 'MODIFY',
        status: 'paid',
        region: 'NA',
        items: [item(2, 2500)],
        change_time: '2026-11-22T09:00:00.000Z',
      }),
      changeRow({
        order_id: 'g',
        region: 'LATAM',
        items: [item(1, 999)],
        change_time: '2026-11-22T09:30:00.000Z',
      }),
      changeRow({
        order_id: 'd',
        version: 2,
        event_name: 'REMOVE',
        items: [item(1, 500)],
        change_time: '2026-11-22T10:00:00.000Z',
      }),
    ]);
    files['2026-11-22/part-0004'] = statSync(
      `${athena.dataDir}/s3/sales-cdc-changes/order_changes_v2/dt=2026-11-22/part-0004`,
    ).size;
    const result = await runQuery(
      athena.client,
      'SELECT order_id, status FROM orders_current ORDER BY order_id',
    );
    expect(asObjects(result)).toEqual([
      { order_id: 'a', status: 'shipped' },
      { order_id: 'b', status: 'paid' },
      { order_id: 'e', status: 'shipped' },
      { order_id: 'f', status: 'paid' },
      { order_id: 'g', status: 'pending' },
    ]);
    const columns = 'order_id, version, status, last_change_time';
    const direct = await runQuery(
      athena.client,
      `SELECT ${columns} FROM (${currentViewSql}) v ORDER BY order_id`,
    );
    expect(
      (await runQuery(athena.client, `SELECT ${columns} FROM orders_current ORDER BY order_id`)).rows,
    ).toEqual(direct.rows);
  });

  it('keeps dt a string partition and the times timestamps, as the Glue table declares them', async () => {
    const result = await runQuery(
      athena.client,
      "SELECT typeof(dt) AS dt_type, typeof(change_time) AS time_type, typeof(version) AS version_type FROM order_changes WHERE order_id = 'f' LIMIT 1",
    );
    expect(result.rows[1]).toEqual(['VARCHAR', 'TIMESTAMP', 'BIGINT']);
    const times = await runQuery(
      athena.client,
      "SELECT change_time, date_trunc('month', order_date) AS month FROM order_changes WHERE order_id = 'f' LIMIT 1",
    );
    expect(times.columns.map((c) => c.Type)).toEqual(['timestamp', 'timestamp']);
    expect(times.rows[1]?.[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    expect(result.columns.map((c) => c.Type)).toEqual(['varchar', 'varchar', 'varchar']);
  });

  it('resolves unqualified, database-qualified and catalog-qualified names', async () => {
    for (const table of [
      'order_changes',
      'sales_cdc.order_changes',
      'awsdatacatalog.sales_cdc.order_changes',
      '"AwsDataCatalog"."sales_cdc"."order_changes"',
    ]) {
      const result = await runQuery(athena.client, `SELECT count(*) FROM ${table}`);
      expect(result.rows[1], table).toEqual(['15']);
    }
    const fromDefault = await runQuery(athena.client, 'SELECT count(*) FROM sales_cdc.orders_current', {
      QueryExecutionContext: { Database: 'default' },
    });
    expect(fromDefault.rows[1]).toEqual(['5']);
  });

  it('reports the bytes of the files each query reads, with dt partitions pruned', async () => {
    const scanned = async (sql: string) =>
      (await runQuery(athena.client, sql)).execution.Statistics?.DataScannedInBytes;
    expect(await scanned("SELECT count(*) FROM order_changes WHERE dt = '2026-11-20'")).toBe(
      bytesOf('2026-11-20/part-0001'),
    );
    expect(
      await scanned("SELECT count(*) FROM order_changes WHERE dt BETWEEN '2026-11-21' AND '2026-11-22'"),
    ).toBe(bytesOf('2026-11-21/part-0002', '2026-11-22/part-0003', '2026-11-22/part-0004'));
    expect(await scanned("SELECT count(*) FROM order_changes WHERE dt IN ('2026-11-20', '2026-11-22')")).toBe(
      bytesOf('2026-11-20/part-0001', '2026-11-22/part-0003', '2026-11-22/part-0004'),
    );
    expect(
      await scanned(
        "SELECT count(*) FROM (SELECT * FROM order_changes WHERE status = 'paid') x WHERE dt > '2026-11-21'",
      ),
    ).toBe(bytesOf('2026-11-22/part-0003', '2026-11-22/part-0004'));
    expect(await scanned("SELECT count(*) FROM order_changes WHERE dt = '2026-01-01'")).toBe(0);
    expect(
      await scanned("SELECT count(*) FROM order_changes WHERE dt = '2026-11-20' OR status = 'paid'"),
    ).toBe(bytesOf(...ALL()));
    // The current state ranks every change of every order: no partition can be skipped.
    expect(await scanned("SELECT count(*) FROM orders_current WHERE region = 'EU'")).toBe(bytesOf(...ALL()));
    // Two scans of the log are two reads, as in Athena.
    expect(
      await scanned(
        "SELECT count(*) FROM order_changes a JOIN order_changes b ON a.event_id = b.event_id WHERE a.dt = '2026-11-20' AND b.dt = '2026-11-21'",
      ),
    ).toBe(bytesOf('2026-11-20/part-0001', '2026-11-21/part-0002'));
    expect(await scanned('SELECT 1')).toBe(0);
  });

  it('answers SHOW and DESCRIBE from the catalog, without a header row', async () => {
    const tables = await runQuery(athena.client, 'SHOW TABLES');
    expect(tables.rows).toEqual([['order_change_errors'], ['order_changes'], ['order_changes_v1'], ['orders_current']]);
    expect(tables.execution.StatementType).toBe('DDL');
    expect(tables.execution.ResultConfiguration?.OutputLocation).toMatch(/\.txt$/);
    expect((await runQuery(athena.client, "SHOW TABLES IN sales_cdc 'orders*'")).rows).toEqual([
      ['orders_current'],
    ]);
    expect((await runQuery(athena.client, 'SHOW VIEWS IN sales_cdc')).rows).toEqual([['orders_current']]);
    expect((await runQuery(athena.client, 'SHOW DATABASES')).rows).toEqual([['default'], ['sales_cdc']]);
    expect((await runQuery(athena.client, 'SHOW PARTITIONS order_changes')).rows).toEqual([
      ['dt=2026-11-20'],
      ['dt=2026-11-21'],
      ['dt=2026-11-22'],
    ]);

    const describe = await runQuery(athena.client, 'DESCRIBE order_changes');
    const lines = describe.rows.map((r) => (r[0] ?? '').split('\t').map((s) => s.trim()));
    expect(lines[0]).toEqual(['event_id', 'string', '']);
    expect(lines).toContainEqual([
      'items',
      'array<struct<sku:string,name:string,category:string,quantity:bigint,unit_price_cents:bigint>>',
      '',
    ]);
    expect(lines).toContainEqual(['# Partition Information', '', '']);
    expect(lines.at(-1)).toEqual(['dt', 'string', '']);

    const columns = await runQuery(athena.client, 'SHOW COLUMNS IN orders_current');
    expect(columns.rows.map((r) => r[0]?.trim())).toEqual([
      'order_id',
      'version',
      'status',
      'region',
      'channel',
      'currency',
      'order_date',
      'customer_name',
      'customer_email',
      'items',
      'item_count',
      'units',
      'total_cents',
      'created_at',
      'updated_at',
      'updated_by',
      'last_change_time',
    ]);
    const view = await runQuery(athena.client, 'SHOW CREATE VIEW orders_current');
    expect(view.rows[0]).toEqual(['CREATE VIEW sales_cdc.orders_current AS']);

    const missing = await runQuery(athena.client, 'DESCRIBE nope').catch((error: Error) => error.message);
    expect(missing).toMatch(/TABLE_NOT_FOUND: Table 'awsdatacatalog.sales_cdc.nope' does not exist/);
  });
});

describe('an empty change log', () => {
  it('is an empty table, not an error', async () => {
    const empty = await startAthenaHarness();
    try {
      expect((await runQuery(empty.client, 'SELECT count(*) FROM order_changes')).rows[1]).toEqual(['0']);
      expect((await runQuery(empty.client, 'SELECT count(*) FROM orders_current')).rows[1]).toEqual(['0']);
      expect((await runQuery(empty.client, 'SHOW PARTITIONS order_changes')).rows).toEqual([]);
    } finally {
      await empty.stop();
      await removeDataDir(empty.dataDir);
    }
  });

  it('skips malformed lines and files still being written', async () => {
    const other = await startAthenaHarness();
    try {
      await writeChangeFile(other.dataDir, '2026-11-20', 'mixed', [
        changeRow({ order_id: 'ok' }),
        '{not json',
        changeRow({ order_id: 'ok-2' }),
      ]);
      await writeChangeFile(other.dataDir, '2026-11-20', '.hidden-temp', [
        changeRow({ order_id: 'in-flight' }),
      ]);
      const result = await runQuery(other.client, 'SELECT order_id FROM orders_current ORDER BY order_id');
      expect(result.rows.slice(1)).toEqual([['ok'], ['ok-2']]);
    } finally {
      await other.stop();
      await removeDataDir(other.dataDir);
    }
  });
});
