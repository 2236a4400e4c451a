'use client';

import { RouteError } from '@/components/ui/route-error';

export default function PipelineError({ reset }: { error: Error; reset: () => void }) {
  return (
    <RouteError
      title="Pipeline health could not be loaded"
      message="One of the pipeline's services may be unreachable. Nothing was changed; try again in a moment."
      reset={reset}
    />
  );
}
