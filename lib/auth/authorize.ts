import 'server-only';
import { authenticate } from './authenticate';
import { Forbidden, Unauthenticated } from './errors';
import { accessFor, findPolicy, type Access } from './policy';
import { can, rolesFor, type Caller } from './roles';
import { getAuthSettings } from './settings';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Authorized = { caller: Caller | null; access: Access };

/**
 * The one decision for a request, from the policy table: who is calling and whether their role
 * may. Throws Unauthenticated (401) or Forbidden (403); an unlisted route is refused.
 */
export async function authorizeRequest(request: Request): Promise<Authorized> {
  const { pathname } = new URL(request.url);
  const entry = findPolicy(pathname);
  const access = entry && accessFor(entry, request.method);
  if (!access) throw new Forbidden('No access rule covers this request', []);
  if (access === 'public') return { caller: null, access };
  const caller = await authenticate(request.headers);
  if (!caller) throw new Unauthenticated('sign in, or send Authorization: Bearer <access token>');
  if (caller.via === 'cookie' && !SAFE_METHODS.has(request.method.toUpperCase())) assertSameOrigin(request);
  assertAllowed(caller, access);
  return { caller, access };
}

export function assertAllowed(caller: Caller, access: Access): void {
  if (access === 'public' || access === 'signed-in') return;
  if (!can(caller, access)) throw new Forbidden(`Your role may not do this (${access})`, rolesFor(access));
}

/**
 * A cookie rides along on cross-site requests, so a write it authenticates must come from this
 * app's own pages: the Origin must be the app URL's or the Host the request was sent to.
 */
function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const allowed = new Set([new URL(getAuthSettings().appUrl).origin]);
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (host) {
    const proto = request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '');
    allowed.add(`${proto}://${host}`);
  }
  if (!origin || !allowed.has(origin)) {
    throw new Forbidden('Cross-origin write refused: a change authenticated by the session cookie must come from the app itself', []);
  }
}
