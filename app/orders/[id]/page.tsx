import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderNotFound } from '@/lib/orders/errors';
import { getOrderHistory } from '@/lib/orders/history';
import type { OrderHistory as History } from '@/lib/orders/history-entries';
import { formatMoney, lineTotalCents, unitCount } from '@/lib/orders/money';
import { ORDER_ID_PATTERN, type Order } from '@/lib/orders/schema';
import { getOrder } from '@/lib/orders/service';
import { DeleteOrderButton } from '@/components/orders/delete-order-button';
import { OrderHistory } from '@/components/orders/order-history';
import { orderHistoryOptions } from '@/components/orders/queries';
import { StatusBadge } from '@/components/orders/status-badge';
import { buttonClass } from '@/components/ui/button-styles';
import { formatDateTime } from '@/components/ui/format';
import { PageHeader } from '@/components/ui/page-header';
import { Notice } from '@/components/ui/states';
import { maskCustomer, maskEmailsDeep } from '@/lib/auth/mask';
import { requirePageAccess } from '@/lib/auth/page-guard';
import { can, type Caller } from '@/lib/auth/roles';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ saved?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Order ${(await params).id}` };
}

/** The stored order, or null when DynamoDB has none (deleted, or never existed). */
async function loadOrder(id: string): Promise<Order | null> {
  if (!ORDER_ID_PATTERN.test(id)) notFound();
  try {
    return await getOrder(id);
  } catch (error) {
    if (error instanceof OrderNotFound) return null;
    throw error;
  }
}

/** A deleted order's history, or null when the change log has none (or cannot be read): then it is not found. */
async function historyOfDeleted(id: string, caller: Caller): Promise<History | null> {
  try {
    const history = maskEmailsDeep(await getOrderHistory(id), caller);
    return history.entries.length > 0 ? history : null;
  } catch {
    return null;
  }
}

function AllOrdersNav() {
  return (
    <nav className="mb-3 text-sm">
      <Link href="/orders" className="text-brand-700 hover:underline">
        ← All orders
      </Link>
    </nav>
  );
}

function TraceLink({ orderId, caller }: { orderId: string; caller: Caller }) {
  if (!can(caller, 'pipeline:read')) return null;
  return (
    <Link href={`/pipeline/trace/${orderId}`} className={buttonClass('secondary')}>
      Trace in pipeline
    </Link>
  );
}

function HistorySection({ children }: { children: React.ReactNode }) {
  return (
    <section
      className="mt-6 overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm"
      aria-labelledby="history-title"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-4 py-3">
        <h2 id="history-title" className="text-sm font-semibold text-slate-900">
          History
        </h2>
        <p className="text-xs text-slate-500">
          Who changed what and when, from the change log (Athena), newest first
        </p>
      </div>
      {children}
    </section>
  );
}

export default async function OrderPage({ params, searchParams }: Props) {
  const caller = await requirePageAccess('/orders/[id]');
  const [{ id }, { saved }] = await Promise.all([params, searchParams]);
  const stored = await loadOrder(id);
  if (!stored) return <DeletedOrder id={id} caller={caller} />;
  const order = maskCustomer(stored, caller);
  const mayWrite = can(caller, 'orders:write');

  return (
    <>
      <AllOrdersNav />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-3">
            {order.customer.name} <StatusBadge status={order.status} />
          </span>
        }
        description={<span className="font-mono text-xs">{order.order_id}</span>}
        actions={
          <>
            <TraceLink orderId={order.order_id} caller={caller} />
            {mayWrite && (
              <>
                <Link href={`/orders/${order.order_id}/edit`} className={buttonClass('primary')}>
                  Edit
                </Link>
                <DeleteOrderButton
                  orderId={order.order_id}
                  version={order.version}
                  label={`${order.customer.name}'s order`}
                />
              </>
            )}
          </>
        }
      />
      {saved && (
        <div className="mb-4">
          <Notice>
            Order {saved === 'created' ? 'created' : 'saved'}: now at version {order.version}.
          </Notice>
        </div>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <section
          className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm lg:col-span-2"
          aria-labelledby="items-title"
        >
          <h2
            id="items-title"
            className="border-b border-slate-200 px-4 py-3 text-sm font-semibold text-slate-900"
          >
            Line items
          </h2>
          {/* On a phone the lines scroll inside this box, not the page. */}
          <div className="relative overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-100 text-sm">
              <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-600">
                <tr>
                  <th className="px-4 py-2 text-left font-semibold">Product</th>
                  <th className="px-4 py-2 text-left font-semibold">Category</th>
                  <th className="px-4 py-2 text-right font-semibold">Qty</th>
                  <th className="px-4 py-2 text-right font-semibold">Unit price</th>
                  <th className="px-4 py-2 text-right font-semibold">Line total</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {order.items.map((item, index) => (
                  <tr key={index}>
                    <td className="px-4 py-2.5">
                      <div className="font-medium text-slate-900">{item.name}</div>
                      <div className="font-mono text-xs text-slate-500">{item.sku}</div>
                    </td>
                    <td className="px-4 py-2.5 text-slate-700">{item.category}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums">{item.quantity}</td>
                    <td className="px-4 py-2.5 text-right tabular-nums">
                      {formatMoney(item.unit_price_cents, order.currency)}
                    </td>
                    <td className="px-4 py-2.5 text-right font-medium tabular-nums">
                      {formatMoney(lineTotalCents(item), order.currency)}
                    </td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="bg-slate-50">
                <tr>
                  <td colSpan={2} className="px-4 py-3 font-semibold">
                    Total
                  </td>
                  <td className="px-4 py-3 text-right tabular-nums">{unitCount(order.items)}</td>
                  <td />
                  <td
                    className="px-4 py-3 text-right text-base font-semibold tabular-nums"
                    data-testid="order-total"
                  >
                    {formatMoney(order.total_cents, order.currency)}
                  </td>
                </tr>
              </tfoot>
            </table>
          </div>
        </section>
        <section
          className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
          aria-labelledby="details-title"
        >
          <h2 id="details-title" className="mb-3 text-sm font-semibold text-slate-900">
            Details
          </h2>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
            <Detail label="Customer">
              {order.customer.name}
              <div className="text-xs text-slate-500">{order.customer.email}</div>
            </Detail>
            <Detail label="Region">{order.region}</Detail>
            <Detail label="Channel">
              <span className="capitalize">{order.channel}</span>
            </Detail>
            <Detail label="Currency">{order.currency}</Detail>
            <Detail label="Order date">{formatDateTime(order.order_date)}</Detail>
            <Detail label="Version">
              <span data-testid="order-version" className="font-mono">
                {order.version}
              </span>
            </Detail>
            <Detail label="Created">{formatDateTime(order.created_at)}</Detail>
            <Detail label="Updated">
              {formatDateTime(order.updated_at)}
              {order.updated_by && (
                <div className="text-xs text-slate-500">
                  by <span data-testid="order-updated-by">{order.updated_by}</span>
                </div>
              )}
            </Detail>
          </dl>
        </section>
      </div>
      <HistorySection>
        <OrderHistory orderId={order.order_id} savedVersion={order.version} />
      </HistorySection>
    </>
  );
}

/** DynamoDB no longer has the order, but the change log keeps what happened to it. */
async function DeletedOrder({ id, caller }: { id: string; caller: Caller }) {
  const history = await historyOfDeleted(id, caller);
  if (!history) notFound();
  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(orderHistoryOptions(id, null, async () => history));
  return (
    <>
      <AllOrdersNav />
      <PageHeader
        title="Deleted order"
        description={<span className="font-mono text-xs">{id}</span>}
        actions={<TraceLink orderId={id} caller={caller} />}
      />
      <p
        className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950"
        data-testid="order-deleted"
      >
        This order is no longer in the orders table. Its history, with who deleted it, stays in the change
        log.
      </p>
      <HydrationBoundary state={dehydrate(queryClient)}>
        <HistorySection>
          <OrderHistory orderId={id} savedVersion={null} />
        </HistorySection>
      </HydrationBoundary>
    </>
  );
}

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </>
  );
}
