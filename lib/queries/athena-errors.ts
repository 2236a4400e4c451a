import 'server-only';
import { AthenaRejected, AthenaUnavailable } from './errors';

/**
 * SDK errors into the library's named errors: a request Athena refused carries a message meant
 * for people (InvalidRequestException, MetadataException); anything else is "unavailable", and
 * the raw error stays in the server log.
 */
export function translateAthenaError(error: unknown): Error {
  const name = (error as { name?: string } | undefined)?.name;
  if (name === 'InvalidRequestException' || name === 'MetadataException' || name === 'TooManyRequestsException') {
    const message = (error as Error).message || 'Athena refused the request';
    return new AthenaRejected(message, { cause: error });
  }
  return new AthenaUnavailable({ cause: error });
}

/** Runs an Athena call, turning failures into named errors. */
export async function callAthena<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw translateAthenaError(error);
  }
}
