/** Builders for calling route handlers directly, the way Next passes requests and params. */

export const BASE_URL = 'http://localhost';

export function jsonRequest(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Request {
  return new Request(`${BASE_URL}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export function rawRequest(
  method: string,
  path: string,
  body: string,
  headers: Record<string, string>,
): Request {
  return new Request(`${BASE_URL}${path}`, { method, headers, body });
}

export function getRequest(path: string): Request {
  return new Request(`${BASE_URL}${path}`);
}

export function deleteRequest(path: string): Request {
  return new Request(`${BASE_URL}${path}`, { method: 'DELETE' });
}

/** The second argument Next passes to handlers of app/api/orders/[id]. */
export function idContext(id: string) {
  return { params: Promise.resolve({ id }) };
}
