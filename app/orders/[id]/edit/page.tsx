import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { OrderNotFound } from '@/lib/orders/errors';
import { ORDER_ID_PATTERN } from '@/lib/orders/schema';
import { getOrder } from '@/lib/orders/service';
import { OrderForm } from '@/components/orders/order-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageAccess } from '@/lib/auth/page-guard';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Edit order' };

export default async function EditOrderPage({ params }: Props) {
  await requirePageAccess('/orders/[id]/edit');
  const { id } = await params;
  if (!ORDER_ID_PATTERN.test(id)) notFound();
  const order = await getOrder(id).catch((error) => {
    if (error instanceof OrderNotFound) notFound();
    throw error;
  });
  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href={`/orders/${id}`} className="text-brand-700 hover:underline">
          ← Back to the order
        </Link>
      </nav>
      <PageHeader title={`Edit ${order.customer.name}'s order`} description={<span className="font-mono text-xs">{order.order_id}</span>} />
      <OrderForm order={order} />
    </>
  );
}
