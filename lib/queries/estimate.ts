import 'server-only';
import { parseWith } from '@/lib/api/responses';
import { estimateRequestSchema } from './input';
import { checkReadOnly } from './read-only-guard';
import { estimateScan, type ScanEstimate } from './scan-estimate';
import { getBytesScannedCutoff, listPartitionSizes } from './scan-sources';
import { countPlaceholders } from './sql-tokens';

/** The pre-run check the editor shows: is it allowed, how many `?`, what would it scan. */

export type QueryCheck = {
  allowed: boolean;
  reason: string | null;
  placeholders: number;
  /** Null when S3 could not be listed: the check still says whether the statement may run. */
  scan: ScanEstimate | null;
  cutoff_bytes: number | null;
};

export async function checkQuery(body: unknown): Promise<QueryCheck> {
  const { sql, params } = parseWith(estimateRequestSchema, body);
  const verdict = checkReadOnly(sql);
  const [partitions, cutoff] = await Promise.all([
    listPartitionSizes().catch((error: Error) => {
      console.error('[api] listing the change log for a scan estimate failed:', error.name, error.message);
      return null;
    }),
    getBytesScannedCutoff().catch(() => null),
  ]);
  return {
    allowed: verdict.ok,
    reason: verdict.ok ? null : verdict.reason,
    placeholders: countPlaceholders(sql),
    scan: partitions && estimateScan(sql, params, partitions),
    cutoff_bytes: cutoff,
  };
}
