import { maskCustomer, seesEmail } from '@/lib/auth/mask';
import { handle, json, parseWith, readJson, searchParamsObject } from '@/lib/api/responses';
import { createOrderSchema, listOrdersQuerySchema } from '@/lib/orders/schema';
import { createOrder, listOrders } from '@/lib/orders/service';

export const GET = handle(async (request: Request, _context, caller) => {
  const query = parseWith(listOrdersQuerySchema, searchParamsObject(request.url));
  const page = await listOrders(query, { searchEmails: seesEmail(caller) });
  return json({ ...page, items: page.items.map((order) => maskCustomer(order, caller)) });
});

export const POST = handle(async (request: Request, _context, caller) => {
  const input = parseWith(createOrderSchema, await readJson(request));
  const order = await createOrder(input, { by: caller });
  return json(order, 201, { location: `/api/orders/${order.order_id}` });
});
