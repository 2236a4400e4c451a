'use client';

import { buttonClass } from '@/components/ui/button-styles';
import { ErrorState } from '@/components/ui/states';

export default function OrdersError({ reset }: { error: Error; reset: () => void }) {
  return (
    <ErrorState
      title="This page could not be loaded"
      message="The orders database may be unreachable. Your data is safe; try again in a moment."
      action={
        <button type="button" className={buttonClass('secondary')} onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
