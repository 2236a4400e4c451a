import { StoreUnavailable } from './errors';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EHOSTUNREACH', 'ETIMEDOUT', 'EPIPE']);
const UNAVAILABLE_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'ResourceNotFoundException',
  'CredentialsProviderError',
  'ServiceUnavailable',
  'InternalServerError',
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
]);

type SdkLikeError = { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };

/** True for failures that mean "the store is not reachable/usable now", as opposed to a bad request. */
export function isStoreUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as SdkLikeError;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.name && (UNAVAILABLE_NAMES.has(e.name) || NETWORK_CODES.has(e.name))) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  return /Region is missing|connect ECONNREFUSED|socket hang up/i.test(e.message ?? '');
}

/** Runs a store call and turns infrastructure failures into StoreUnavailable (cause kept for logs). */
export async function guardStore<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isStoreUnavailable(error)) throw new StoreUnavailable({ cause: error });
    throw error;
  }
}
