import 'server-only';
import { headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { cache } from 'react';
import { authenticate } from './authenticate';
import { Unauthenticated } from './errors';
import { POLICY } from './policy';
import { can, type Caller } from './roles';

/** proxy.ts passes the requested path and query on, so a sign-in returns to the same page. */
export const REQUEST_PATH_HEADER = 'x-request-path';

/** The signed-in caller of this request, or null; read once per render. */
export const getCurrentCaller = cache(async (): Promise<Caller | null> => {
  try {
    return await authenticate(await headers());
  } catch (error) {
    if (error instanceof Unauthenticated) return null;
    throw error;
  }
});

/**
 * Every page calls this with its own route pattern (test/unit/auth-policy checks that it does).
 * It decides from the policy table itself, so a page is safe even if proxy.ts is bypassed:
 * no session → sign-in and back; the wrong role → the 403 page.
 */
export async function requirePageAccess(pattern: string): Promise<Caller> {
  const entry = POLICY.find((e) => e.kind === 'page' && e.path === pattern);
  const access = entry?.methods.GET;
  if (!access) throw new Error(`No page access rule for ${pattern}`);
  const caller = await getCurrentCaller();
  if (!caller) {
    const path = (await headers()).get(REQUEST_PATH_HEADER) ?? (pattern.includes('[') ? '/' : pattern);
    redirect(`/auth/sign-in?return_to=${encodeURIComponent(path)}`);
  }
  if (access !== 'public' && access !== 'signed-in' && !can(caller, access)) forbidden();
  return caller;
}
