import type { Metadata } from 'next';
import Link from 'next/link';
import { OrderForm } from '@/components/orders/order-form';
import { PageHeader } from '@/components/ui/page-header';
import { requirePageAccess } from '@/lib/auth/page-guard';

export const metadata: Metadata = { title: 'New order' };

export default async function NewOrderPage() {
  await requirePageAccess('/orders/new');
  return (
    <>
      <nav className="mb-3 text-sm">
        <Link href="/orders" className="text-brand-700 hover:underline">
          ← All orders
        </Link>
      </nav>
      <PageHeader title="New order" description="Totals are computed from the line items; prices are per unit." />
      <OrderForm />
    </>
  );
}
