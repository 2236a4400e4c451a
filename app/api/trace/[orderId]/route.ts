import { z } from 'zod';
import { maskEmailsDeep } from '@/lib/auth/mask';
import { handle, json, parseWith } from '@/lib/api/responses';
import { orderIdSchema } from '@/lib/orders/schema';
import { traceOrder } from '@/lib/trace/trace-order';
import { notFoundMessage } from '@/lib/trace/types';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ orderId: string }> };

const params = z.object({ orderId: orderIdSchema });

/**
 * Every stage an order went through. 404 (with what each stage said) when no stage knows the
 * order; 503 when no stage could be read at all.
 */
export const GET = handle(async (_request: Request, context: Context, caller) => {
  const { orderId } = parseWith(params, await context.params);
  const trace = maskEmailsDeep(await traceOrder(orderId), caller);
  const { dynamodb, kinesis, athena } = trace.sources;
  if (!dynamodb.ok && !kinesis.ok && !athena.ok) {
    return json(
      { error: 'unavailable', message: 'DynamoDB, Kinesis and Athena cannot be read right now. Try again in a moment.', trace },
      503,
      { 'retry-after': '2' },
    );
  }
  if (!trace.found) {
    return json(
      { error: 'not_found', message: notFoundMessage(orderId), trace },
      404,
    );
  }
  return json(trace);
});
