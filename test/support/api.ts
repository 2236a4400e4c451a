/**
 * Builders for calling route handlers directly, the way Next passes requests and params. Each
 * request carries a seeded user's real access token (admin unless `as` says otherwise; `null`
 * sends none), because every route checks it.
 */
import { authHeaders, type SeededUser } from './auth';

export const BASE_URL = 'http://localhost';

export type As = SeededUser | null;

export function jsonRequest(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
  as: As = 'admin',
): Request {
  return new Request(`${BASE_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...authHeaders(as), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export function rawRequest(method: string, path: string, body: string, headers: Record<string, string>, as: As = 'admin'): Request {
  return new Request(`${BASE_URL}${path}`, { method, headers: { ...authHeaders(as), ...headers }, body });
}

export function getRequest(path: string, as: As = 'admin', headers: Record<string, string> = {}): Request {
  return new Request(`${BASE_URL}${path}`, { headers: { ...authHeaders(as), ...headers } });
}

export function deleteRequest(path: string, as: As = 'admin'): Request {
  return new Request(`${BASE_URL}${path}`, { method: 'DELETE', headers: authHeaders(as) });
}

/** The second argument Next passes to handlers of app/api/orders/[id]. */
export function idContext(id: string) {
  return { params: Promise.resolve({ id }) };
}
