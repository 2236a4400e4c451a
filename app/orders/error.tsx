'use client';

import { RouteError } from '@/components/ui/route-error';

export default function OrdersError({ reset }: { error: Error; reset: () => void }) {
  return (
    <RouteError
      title="This page could not be loaded"
      message="The orders database may be unreachable. Your data is safe; try again in a moment."
      reset={reset}
    />
  );
}
