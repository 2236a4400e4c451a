import 'server-only';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { getDynamoDbClient } from '@/lib/aws/dynamodb';
import { getConfig } from '@/lib/config';
import { StoreUnavailable } from '@/lib/orders/errors';
import { guardStore } from '@/lib/orders/store-errors';

export type Health = { status: 'ok' | 'degraded'; checks: Record<string, { ok: boolean; message?: string }> };

/** Whether the orders table answers; the launcher and tests wait on this. */
export async function checkHealth(): Promise<Health> {
  const checks: Health['checks'] = {};
  try {
    const table = getConfig().ordersTableName;
    const result = await guardStore(() => getDynamoDbClient().send(new DescribeTableCommand({ TableName: table })));
    checks.dynamodb = { ok: result.Table?.TableStatus === 'ACTIVE', message: `table ${table} is ${result.Table?.TableStatus}` };
  } catch (error) {
    // Only our own, user-safe messages leave the server; SDK errors stay in the log.
    const safe = error instanceof StoreUnavailable ? error.message : 'the orders table could not be checked';
    if (!(error instanceof StoreUnavailable)) console.error('[health] dynamodb check failed:', error);
    checks.dynamodb = { ok: false, message: safe };
  }
  return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'degraded', checks };
}
