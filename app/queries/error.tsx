'use client';

import { RouteError } from '@/components/ui/route-error';

export default function QueriesError({ reset }: { error: Error; reset: () => void }) {
  return (
    <RouteError
      title="The query library could not be loaded"
      message="Athena may be unreachable. Your saved queries are safe; try again in a moment."
      reset={reset}
    />
  );
}
