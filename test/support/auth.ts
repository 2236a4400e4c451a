import { inject } from 'vitest';

/**
 * THE way integration tests authenticate: real access tokens, issued by the embedded OIDC
 * provider through its sign-in page (the global setup signs each seeded user in once) and
 * verified by the app exactly as in production. Auth is never switched off.
 */
export const SEEDED_USERS = ['sales', 'analyst', 'analyst2', 'engineer', 'admin'] as const;
export type SeededUser = (typeof SEEDED_USERS)[number];

declare module 'vitest' {
  export interface ProvidedContext {
    /** An access token per seeded user, from the run's local OIDC provider. */
    authTokens: Record<SeededUser, string>;
  }
}

export function tokenFor(user: SeededUser): string {
  const token = inject('authTokens')?.[user];
  if (!token) throw new Error(`no access token for ${user}: the integration global setup signs the seeded users in`);
  return token;
}

/** `{ authorization: 'Bearer …' }` for a seeded user; empty for an anonymous request. */
export function authHeaders(user: SeededUser | null = 'admin'): Record<string, string> {
  return user ? { authorization: `Bearer ${tokenFor(user)}` } : {};
}
