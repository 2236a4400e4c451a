import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changeLogBucket } from '@/lib/resources';
import {
  asObjects,
  changeRow,
  removeDataDir,
  runQuery,
  startAthenaHarness,
  writeChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

/** Conformance of Athena's "$path" pseudo-column: the s3:// URI of the object holding each row. */
let athena: AthenaHarness;
const uri = (key: string) => `s3://${changeLogBucket.name}/${key}`;

beforeAll(async () => {
  athena = await startAthenaHarness();
  await writeChangeFile(athena.dataDir, '2026-11-20', 'order-changes-to-s3-1-a', [
    changeRow({ order_id: 'p1', change_time: '2026-11-20T08:00:00.000Z' }),
    changeRow({ order_id: 'p2', change_time: '2026-11-20T08:00:01.000Z' }),
  ]);
  await writeChangeFile(athena.dataDir, '2026-11-21', 'order-changes-to-s3-1-b', [
    changeRow({ order_id: 'p1', version: 2, event_name: 'MODIFY', change_time: '2026-11-21T08:00:00.000Z' }),
  ]);
});

afterAll(async () => {
  await athena?.stop();
  if (athena) await removeDataDir(athena.dataDir);
});

describe('"$path" on order_changes', () => {
  it('names the object each row was read from, filterable and parameterisable', async () => {
    const result = await runQuery(
      athena.client,
      'SELECT "$path", version, dt FROM order_changes WHERE order_id = ? ORDER BY version',
      { ExecutionParameters: ["'p1'"] },
    );
    expect(result.columns.map((c) => c.Name)).toEqual(['$path', 'version', 'dt']);
    expect(asObjects(result)).toEqual([
      { $path: uri(`${changeLogBucket.tablePrefix}dt=2026-11-20/order-changes-to-s3-1-a`), version: '1', dt: '2026-11-20' },
      { $path: uri(`${changeLogBucket.tablePrefix}dt=2026-11-21/order-changes-to-s3-1-b`), version: '2', dt: '2026-11-21' },
    ]);
    const byPath = await runQuery(athena.client, 'SELECT count(*) AS n FROM order_changes c WHERE c."$path" = ?', {
      ExecutionParameters: [`'${uri(`${changeLogBucket.tablePrefix}dt=2026-11-20/order-changes-to-s3-1-a`)}'`],
    });
    expect(asObjects(byPath)).toEqual([{ n: '2' }]);
  });

  it('is left out of SELECT *, as Athena leaves out pseudo-columns', async () => {
    const star = await runQuery(athena.client, 'SELECT * FROM order_changes LIMIT 1');
    const qualified = await runQuery(athena.client, 'SELECT c.*, 1 AS one FROM order_changes c LIMIT 1');
    expect(star.columns.map((c) => c.Name)).not.toContain('$path');
    expect(star.columns.map((c) => c.Name)).toContain('dt');
    expect(qualified.columns.map((c) => c.Name)).not.toContain('$path');
    expect(qualified.columns.at(-1)?.Name).toBe('one');
  });

  it('does not exist on the current-state view', async () => {
    const outcome = await runQuery(athena.client, 'SELECT "$path" FROM orders_current').catch((e: Error) => e);
    expect(outcome).toBeInstanceOf(Error);
    expect((outcome as Error).message).toMatch(/COLUMN_NOT_FOUND|\$path/);
  });
});
