'use client';

import { RouteError } from '@/components/ui/route-error';

export default function FeedError({ reset }: { error: Error; reset: () => void }) {
  return (
    <RouteError
      title="The live feed could not be loaded"
      message="The change stream may be unreachable. Nothing is lost: Kinesis keeps the records; try again in a moment."
      reset={reset}
    />
  );
}
