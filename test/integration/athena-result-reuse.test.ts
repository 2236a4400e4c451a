import { StartQueryExecutionCommand } from '@aws-sdk/client-athena';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asObjects,
  changeRow,
  removeDataDir,
  runQuery,
  startAthenaHarness,
  writeParquetChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

/**
 * ResultReuseByAgeConfiguration through the Athena SDK: an identical query answers from an
 * earlier result, scanning nothing, until the change log changes or the result is too old.
 */

const COUNT = 'SELECT count(*) AS n FROM order_changes';
const reuse = (minutes: number) => ({
  ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: true, MaxAgeInMinutes: minutes } },
});

let athena: AthenaHarness;
let noReuse: AthenaHarness;

beforeAll(async () => {
  athena = await startAthenaHarness();
  await writeParquetChangeFile(athena.dataDir, '2026-11-20', 'a.parquet', [
    changeRow({ order_id: 'r1' }),
    changeRow({ order_id: 'r2' }),
  ]);
  noReuse = await startAthenaHarness({ dataDir: athena.dataDir, resultReuse: false });
});

afterAll(async () => {
  await noReuse?.stop();
  await athena?.stop();
  if (athena) await removeDataDir(athena.dataDir);
});

describe('query result reuse', () => {
  it('reuses an identical result, scanning nothing, and says so', async () => {
    const first = await runQuery(athena.client, COUNT, reuse(5));
    expect(asObjects(first)).toEqual([{ n: '2' }]);
    expect(first.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(false);
    expect(first.execution.Statistics?.DataScannedInBytes).toBeGreaterThan(0);

    const second = await runQuery(athena.client, COUNT, reuse(5));
    expect(asObjects(second)).toEqual([{ n: '2' }]);
    expect(second.execution.QueryExecutionId).not.toBe(first.execution.QueryExecutionId);
    expect(second.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(true);
    expect(second.execution.Statistics?.DataScannedInBytes).toBe(0);
    expect(second.execution.ResultReuseConfiguration?.ResultReuseByAgeConfiguration).toEqual({
      Enabled: true,
      MaxAgeInMinutes: 5,
    });
  });

  it('never reuses for a query that did not ask, or with a maximum age of 0', async () => {
    const plain = await runQuery(athena.client, COUNT);
    expect(plain.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(false);
    expect(plain.execution.ResultReuseConfiguration?.ResultReuseByAgeConfiguration?.Enabled).toBe(false);
    const zero = await runQuery(athena.client, COUNT, reuse(0));
    expect(zero.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(false);
  });

  it('scans again once the change log has changed, and reuses the new result after', async () => {
    await writeParquetChangeFile(athena.dataDir, '2026-11-21', 'b.parquet', [changeRow({ order_id: 'r3' })]);
    const after = await runQuery(athena.client, COUNT, reuse(5));
    expect(asObjects(after)).toEqual([{ n: '3' }]);
    expect(after.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(false);
    const again = await runQuery(athena.client, COUNT, reuse(5));
    expect(asObjects(again)).toEqual([{ n: '3' }]);
    expect(again.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(true);
  });

  it('keeps parameters apart: other values are another query', async () => {
    const sql = 'SELECT count(*) AS n FROM order_changes WHERE order_id = ?';
    const r1 = await runQuery(athena.client, sql, { ...reuse(5), ExecutionParameters: ["'r1'"] });
    const none = await runQuery(athena.client, sql, { ...reuse(5), ExecutionParameters: ["'zz'"] });
    expect(asObjects(r1)).toEqual([{ n: '1' }]);
    expect(asObjects(none)).toEqual([{ n: '0' }]);
    expect(none.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(false);
  });

  it('can be switched off for a facade, so every query scans', async () => {
    await runQuery(noReuse.client, COUNT, reuse(5));
    const second = await runQuery(noReuse.client, COUNT, reuse(5));
    expect(second.execution.Statistics?.ResultReuseInformation?.ReusedPreviousResult).toBe(false);
    expect(second.execution.Statistics?.DataScannedInBytes).toBeGreaterThan(0);
  });

  it('refuses a maximum age outside 0–10080 minutes', async () => {
    await expect(
      athena.client.send(new StartQueryExecutionCommand({ QueryString: COUNT, WorkGroup: 'primary', ...reuse(10_081) })),
    ).rejects.toMatchObject({ name: 'InvalidRequestException', message: expect.stringMatching(/maxAgeInMinutes.*less than or equal to 10080/i) });
  });
});
