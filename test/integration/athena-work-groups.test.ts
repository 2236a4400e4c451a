import { GetWorkGroupCommand, InvalidRequestException, ListWorkGroupsCommand } from '@aws-sdk/client-athena';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changeRow,
  removeDataDir,
  runQuery,
  startAndWait,
  startAthenaHarness,
  writeChangeFile,
  type AthenaHarness,
} from '@/test/support/athena';

let athena: AthenaHarness;
let smallFile: number;

beforeAll(async () => {
  // A per-query limit between the size of one partition and that of the whole log.
  const rows = (n: number, dt: string) =>
    Array.from({ length: n }, (_, i) =>
      changeRow({ order_id: `${dt}-${i}`, change_time: `${dt}T10:00:00.000Z` }),
    );
  const small = JSON.stringify(rows(2, '2026-11-20')).length;
  smallFile = small;
  athena = await startAthenaHarness({ bytesScannedCutoffPerQuery: small * 3 });
  await writeChangeFile(athena.dataDir, '2026-11-20', 'small', rows(2, '2026-11-20'));
  await writeChangeFile(athena.dataDir, '2026-11-21', 'large', rows(20, '2026-11-21'));
});

afterAll(async () => {
  await athena.stop();
  await removeDataDir(athena.dataDir);
});

describe('workgroups', () => {
  it('describes primary with its enforced result location and bytes-scanned cutoff', async () => {
    const { WorkGroup } = await athena.client.send(new GetWorkGroupCommand({ WorkGroup: 'primary' }));
    expect(WorkGroup).toMatchObject({
      Name: 'primary',
      State: 'ENABLED',
      Configuration: {
        ResultConfiguration: { OutputLocation: 's3://sales-cdc-athena-results/results/' },
        EnforceWorkGroupConfiguration: true,
        BytesScannedCutoffPerQuery: smallFile * 3,
        EngineVersion: { EffectiveEngineVersion: 'Athena engine version 3' },
      },
    });
    expect(WorkGroup?.CreationTime).toBeInstanceOf(Date);
    await expect(athena.client.send(new GetWorkGroupCommand({ WorkGroup: 'analysts' }))).rejects.toThrow(
      InvalidRequestException,
    );
  });

  it('lists primary', async () => {
    const { WorkGroups } = await athena.client.send(new ListWorkGroupsCommand({}));
    expect(WorkGroups?.map((w) => [w.Name, w.State])).toEqual([['primary', 'ENABLED']]);
  });

  it('ignores a caller’s OutputLocation because the configuration is enforced', async () => {
    const execution = await startAndWait(athena.client, 'SELECT 1', {
      ResultConfiguration: { OutputLocation: 's3://somewhere-else/out/' },
    });
    expect(execution.ResultConfiguration?.OutputLocation).toBe(
      `s3://sales-cdc-athena-results/results/${execution.QueryExecutionId}.csv`,
    );
  });

  it('runs a query under the cutoff and cancels one that would scan more, as Athena does', async () => {
    const pruned = await runQuery(
      athena.client,
      "SELECT count(*) AS n FROM order_changes WHERE dt = '2026-11-20'",
    );
    expect(pruned.rows[1]).toEqual(['2']);

    const full = await startAndWait(athena.client, 'SELECT count(*) FROM orders_current');
    expect(full.Status?.State).toBe('CANCELLED');
    expect(full.Status?.StateChangeReason).toMatch(
      /^Bytes scanned limit was exceeded: the query would scan \d+ bytes and the workgroup's BytesScannedCutoffPerQuery is \d+ bytes/,
    );
  });
});

describe('a workgroup that does not enforce its configuration', () => {
  it('writes results where the caller asks', async () => {
    const open = await startAthenaHarness({ enforceWorkGroupConfiguration: false });
    try {
      const execution = await startAndWait(open.client, "SELECT 'x' AS v", {
        ResultConfiguration: { OutputLocation: 's3://my-results/adhoc' },
      });
      const id = execution.QueryExecutionId as string;
      expect(execution.ResultConfiguration?.OutputLocation).toBe(`s3://my-results/adhoc/${id}.csv`);
      expect(readFileSync(path.join(open.dataDir, 's3', 'my-results', 'adhoc', `${id}.csv`), 'utf8')).toBe(
        '"v"\n"x"\n',
      );
      const defaulted = await startAndWait(open.client, 'SELECT 1');
      expect(defaulted.ResultConfiguration?.OutputLocation).toMatch(
        /^s3:\/\/sales-cdc-athena-results\/results\//,
      );
      await expect(
        startAndWait(open.client, 'SELECT 1', {
          ResultConfiguration: { OutputLocation: 's3://my-results/../escape/' },
        }),
      ).rejects.toThrow(/not a valid S3 location/);
    } finally {
      await open.stop();
      await removeDataDir(open.dataDir);
    }
  });
});
