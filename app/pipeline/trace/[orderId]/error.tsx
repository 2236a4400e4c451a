'use client';

import { buttonClass } from '@/components/ui/button-styles';
import { ErrorState } from '@/components/ui/states';

export default function TraceError({ reset }: { error: Error; reset: () => void }) {
  return (
    <ErrorState
      title="The trace could not be loaded"
      message="One of the pipeline's services did not answer. Nothing is lost; try again in a moment."
      action={
        <button type="button" className={buttonClass('secondary')} onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
