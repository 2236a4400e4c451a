import { z } from 'zod';
import { maskEmailsDeep } from '@/lib/auth/mask';
import { handle, json, parseWith } from '@/lib/api/responses';
import { getOrderHistory } from '@/lib/orders/history';
import { orderIdSchema } from '@/lib/orders/schema';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

const params = z.object({ id: orderIdSchema });

/** The order's changes from the change log, newest first; deleted orders keep theirs. 503 when Athena cannot be read. */
export const GET = handle(async (_request: Request, context: Context, caller) => {
  const { id } = parseWith(params, await context.params);
  return json(maskEmailsDeep(await getOrderHistory(id), caller));
});
