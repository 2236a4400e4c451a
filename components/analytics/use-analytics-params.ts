'use client';

import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo } from 'react';
import { readParams, toQueryString, type AnalyticsParams } from './params';

/**
 * The range from the URL. Changing it pushes a history entry without a server round trip: the
 * widgets refetch through TanStack Query, and Back restores the previous range.
 */
export function useAnalyticsParams(): [AnalyticsParams & { invalid: boolean }, (next: AnalyticsParams) => void] {
  const search = useSearchParams();
  const params = useMemo(() => readParams(search), [search]);
  const setParams = useCallback((next: AnalyticsParams) => {
    window.history.pushState(null, '', `?${toQueryString(next)}`);
  }, []);
  return [params, setParams];
}
