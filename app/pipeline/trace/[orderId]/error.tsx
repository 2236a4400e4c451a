'use client';

import { RouteError } from '@/components/ui/route-error';

export default function TraceError({ reset }: { error: Error; reset: () => void }) {
  return (
    <RouteError
      title="The trace could not be loaded"
      message="One of the pipeline's services did not answer. Nothing is lost; try again in a moment."
      reset={reset}
    />
  );
}
