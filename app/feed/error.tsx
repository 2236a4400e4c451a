'use client';

import { buttonClass } from '@/components/ui/button-styles';
import { ErrorState } from '@/components/ui/states';

export default function FeedError({ reset }: { error: Error; reset: () => void }) {
  return (
    <ErrorState
      title="The live feed could not be loaded"
      message="The change stream may be unreachable. Nothing is lost: Kinesis keeps the records; try again in a moment."
      action={
        <button type="button" className={buttonClass('secondary')} onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
