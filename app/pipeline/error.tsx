'use client';

import { buttonClass } from '@/components/ui/button-styles';
import { ErrorState } from '@/components/ui/states';

export default function PipelineError({ reset }: { error: Error; reset: () => void }) {
  return (
    <ErrorState
      title="Pipeline health could not be loaded"
      message="One of the pipeline's services may be unreachable. Nothing was changed; try again in a moment."
      action={
        <button type="button" className={buttonClass('secondary')} onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
