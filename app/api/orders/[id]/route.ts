import { maskCustomer } from '@/lib/auth/mask';
import { handle, json, parseWith, readJson, searchParamsObject } from '@/lib/api/responses';
import { deleteOrderSchema, orderIdSchema, updateOrderSchema } from '@/lib/orders/schema';
import { deleteOrder, getOrder, updateOrder } from '@/lib/orders/service';
import { z } from 'zod';

type Context = { params: Promise<{ id: string }> };

const idParams = z.object({ id: orderIdSchema });
const orderId = async (context: Context) => parseWith(idParams, await context.params).id;

export const GET = handle(async (_request: Request, context: Context, caller) => {
  return json(maskCustomer(await getOrder(await orderId(context)), caller));
});

export const PUT = handle(async (request: Request, context: Context, caller) => {
  const id = await orderId(context);
  const input = parseWith(updateOrderSchema, await readJson(request));
  return json(await updateOrder(id, input, { by: caller }));
});

export const DELETE = handle(async (request: Request, context: Context, caller) => {
  const id = await orderId(context);
  const { version } = parseWith(deleteOrderSchema, searchParamsObject(request.url));
  await deleteOrder(id, version, { by: caller });
  return new Response(null, { status: 204 });
});
