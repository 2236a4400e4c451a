'use client';

import { useEffect, useRef } from 'react';

/**
 * Marks an element with data-hydrated once React has attached its handlers, so tests (and
 * anything else automated) interact only when typing will be seen.
 */
export function useHydratedMarker<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.setAttribute('data-hydrated', 'true');
  }, []);
  return ref;
}
