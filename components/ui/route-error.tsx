'use client';

import { buttonClass } from './button-styles';
import { ErrorState } from './states';

/** The body of every route's error.tsx: what failed, that nothing is lost, and a retry. */
export function RouteError({ title, message, reset }: { title: string; message: string; reset: () => void }) {
  return (
    <ErrorState
      title={title}
      message={message}
      action={
        <button type="button" className={buttonClass('secondary')} onClick={reset}>
          Try again
        </button>
      }
    />
  );
}
