import { handle, json, parseWith, readJson, searchParamsObject } from '@/lib/api/responses';
import { createOrderSchema, listOrdersQuerySchema } from '@/lib/orders/schema';
import { createOrder, listOrders } from '@/lib/orders/service';

export const GET = handle(async (request: Request) => {
  const query = parseWith(listOrdersQuerySchema, searchParamsObject(request.url));
  return json(await listOrders(query));
});

export const POST = handle(async (request: Request) => {
  const input = parseWith(createOrderSchema, await readJson(request));
  const order = await createOrder(input);
  return json(order, 201, { location: `/api/orders/${order.order_id}` });
});
