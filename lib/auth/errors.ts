import { ServiceUnavailable } from '@/lib/service-unavailable';
import type { Role } from './roles';

/** No credentials, or credentials that do not verify: 401 for the API, a sign-in redirect for pages. */
export class Unauthenticated extends Error {
  /** RFC 6750's `error` for a Bearer token that was sent but is refused; none when nothing was sent. */
  constructor(
    readonly reason: string,
    readonly bearerError?: 'invalid_token' | 'invalid_request',
  ) {
    super(reason);
    this.name = 'Unauthenticated';
  }
}

/** Verified, but the caller's role may not do this: 403 naming the roles that may. */
export class Forbidden extends Error {
  constructor(
    message: string,
    readonly required: readonly Role[],
  ) {
    super(message);
    this.name = 'Forbidden';
  }
}

/** The issuer (Cognito or the local provider) cannot be reached to verify a token or sign in. */
export class IdentityUnavailable extends ServiceUnavailable {
  constructor(options?: { cause?: unknown }) {
    super('identity', 'The sign-in service is unreachable right now. Try again in a moment.', options);
    this.name = 'IdentityUnavailable';
  }
}

/** Sign-in is not configured; the app fails closed rather than serving anyone. */
export class AuthNotConfigured extends ServiceUnavailable {
  constructor(missing: string[]) {
    super('identity', `Sign-in is not configured: set ${missing.join(', ')}.`);
    this.name = 'AuthNotConfigured';
  }
}
