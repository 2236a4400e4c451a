'use client';

import { buttonClass } from '@/components/ui/button-styles';
import { ErrorState } from '@/components/ui/states';

export default function QueriesError({ reset }: { error: Error; reset: () => void }) {
  return (
    <ErrorState
      title="The query library could not be loaded"
      message="Athena may be unreachable. Your saved queries are safe; try again in a moment."
      action={
        <button type="button" className={buttonClass('secondary')} onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
