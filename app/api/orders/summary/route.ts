import { seesEmail } from '@/lib/auth/mask';
import { handle, json, parseWith, searchParamsObject } from '@/lib/api/responses';
import { listOrdersQuerySchema } from '@/lib/orders/schema';
import { summarizeOrders } from '@/lib/orders/service';

/** Count and value of every order matching the list filters (not only the loaded page). */
export const GET = handle(async (request: Request, _context, caller) => {
  const query = parseWith(listOrdersQuerySchema, searchParamsObject(request.url));
  return json(await summarizeOrders(query, { searchEmails: seesEmail(caller) }));
});
