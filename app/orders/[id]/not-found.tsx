import Link from 'next/link';
import { buttonClass } from '@/components/ui/button-styles';
import { EmptyState } from '@/components/ui/states';

export default function OrderNotFoundPage() {
  return (
    <EmptyState
      title="Order not found"
      action={
        <Link href="/orders" className={buttonClass('secondary')}>
          Back to all orders
        </Link>
      }
    >
      It may have been deleted, or the link has a typo.
    </EmptyState>
  );
}
