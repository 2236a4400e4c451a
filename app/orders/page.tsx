import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { listOrdersQuerySchema } from '@/lib/orders/schema';
import { listOrders, summarizeOrders } from '@/lib/orders/service';
import { zodIssues } from '@/lib/api/responses';
import { filtersFromSearchParams, type OrderFilters } from '@/components/orders/filters';
import { OrdersFilters } from '@/components/orders/orders-filters';
import { OrdersSummary } from '@/components/orders/orders-summary';
import { OrdersTable } from '@/components/orders/orders-table';
import { ordersListOptions, ordersSummaryOptions } from '@/components/orders/queries';
import { buttonClass } from '@/components/ui/button-styles';
import { PageHeader } from '@/components/ui/page-header';
import { ErrorState, Notice } from '@/components/ui/states';
import { maskCustomer, seesEmail } from '@/lib/auth/mask';
import { requirePageAccess } from '@/lib/auth/page-guard';
import { can } from '@/lib/auth/roles';

export const metadata: Metadata = { title: 'Orders' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const toQuery = (filters: OrderFilters, cursor?: string | null) =>
  listOrdersQuerySchema.parse({ ...filters, cursor: cursor ?? undefined });

export default async function OrdersPage({ searchParams }: Props) {
  const caller = await requirePageAccess('/orders');
  const params = await searchParams;
  const filters = filtersFromSearchParams(params);
  const checked = listOrdersQuerySchema.safeParse(filters);
  const deleted = typeof params.deleted === 'string' ? params.deleted : undefined;

  // Prefetch on the server with the service itself; the client reuses the same query options.
  const queryClient = new QueryClient();
  const viewer = { searchEmails: seesEmail(caller) };
  if (checked.success) {
    await Promise.all([
      queryClient.prefetchInfiniteQuery(
        ordersListOptions(filters, async (f, cursor) => {
          const page = await listOrders(toQuery(f, cursor), viewer);
          return { ...page, items: page.items.map((order) => maskCustomer(order, caller)) };
        }),
      ),
      queryClient.prefetchQuery(ordersSummaryOptions(filters, (f) => summarizeOrders(toQuery(f), viewer))),
    ]);
  }

  return (
    <>
      <PageHeader
        title="Orders"
        description="Every order, live from DynamoDB. Search, filter and open an order to edit it."
        actions={
          can(caller, 'orders:write') && (
            <Link href="/orders/new" className={buttonClass('primary')}>
              New order
            </Link>
          )
        }
      />
      <div className="space-y-4">
        {deleted && <Notice>Order {deleted} was deleted.</Notice>}
        <OrdersFilters filters={filters} />
        {checked.success ? (
          <HydrationBoundary state={dehydrate(queryClient)}>
            <OrdersSummary filters={filters} />
            <OrdersTable filters={filters} />
          </HydrationBoundary>
        ) : (
          <ErrorState
            title="These filters cannot be applied"
            message={zodIssues(checked.error).map((i) => i.message).join('; ')}
          />
        )}
      </div>
    </>
  );
}
